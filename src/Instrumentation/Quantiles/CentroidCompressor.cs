namespace Instrumentation.Quantiles;

/// <summary>
/// CentroidCompressor is one merging pass of a t-digest: it takes (mean, weight) pairs in ascending order of
/// mean and folds each into the open centroid while the centroid stays within the <see cref="ArcsineScale"/>
/// size bound, otherwise it closes the centroid into the output spans and opens a new one. It knows the total
/// weight in advance, which is what makes the bound computable in one pass. Not thread safe.
/// </summary>
internal ref struct CentroidCompressor
{
    private readonly Span<double> _means;
    private readonly Span<double> _weights;
    private readonly double _totalWeight;
    private readonly ArcsineScale.Step _step;
    private int _count;
    private double _closedWeight;
    private double _weightLimit;
    private double _mean;
    private double _weight;

    /// <summary>Starts a pass that writes into <paramref name="means"/> and <paramref name="weights"/>.</summary>
    public CentroidCompressor(Span<double> means, Span<double> weights, double totalWeight, double compression)
    {
        _means = means;
        _weights = weights;
        _totalWeight = totalWeight;
        _step = new ArcsineScale.Step(compression);
        _weightLimit = totalWeight * _step.MaxQuantile(0);
    }

    /// <summary>Add takes the next pair. Means must be monotonic: all ascending, or all descending (the k1 scale is symmetric).</summary>
    public void Add(double mean, double weight)
    {
        if (_weight == 0)
        {
            _mean = mean;
            _weight = weight;
            return;
        }

        // The last slot absorbs everything: the scale bound keeps us from reaching it, this only guards the array.
        if (_closedWeight + _weight + weight <= _weightLimit || _count == _means.Length - 1)
        {
            _weight += weight;
            _mean += (mean - _mean) * (weight / _weight);
            return;
        }

        Close();
        _mean = mean;
        _weight = weight;
    }

    /// <summary>Finish closes the open centroid and returns how many centroids were written.</summary>
    public int Finish()
    {
        if (_weight > 0)
        {
            Close();
        }

        return _count;
    }

    private void Close()
    {
        _means[_count] = _mean;
        _weights[_count] = _weight;
        _count++;
        _closedWeight += _weight;
        _weight = 0;
        _weightLimit = _totalWeight * _step.MaxQuantile(_closedWeight / _totalWeight);
    }
}
