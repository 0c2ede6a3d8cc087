using System.Diagnostics;

namespace Instrumentation.Quantiles;

/// <summary>
/// MergingDigest is a merging t-digest (Dunning and Ertl, "Computing extremely accurate quantiles using
/// t-digests"): centroids (mean, weight) sorted by mean, whose sizes the <see cref="ArcsineScale"/> bounds.
/// It also keeps the exact minimum and maximum, so estimates never leave the observed range.
/// Its arrays are allocated once, in the constructor; no method allocates. Not thread safe: the owner locks.
/// </summary>
internal sealed class MergingDigest
{
    private double[] _means;
    private double[] _weights;
    private int _count;
    private bool _mergeDescending;

    /// <summary>Creates an empty digest with room for every centroid the compression allows.</summary>
    public MergingDigest(double compression)
    {
        Debug.Assert(compression >= 10, "Compression below 10 leaves too few centroids to interpolate.");
        Compression = compression;
        int capacity = CapacityFor(compression);
        _means = new double[capacity];
        _weights = new double[capacity];
        Clear();
    }

    /// <summary>The t-digest δ: a digest holds at most δ centroids.</summary>
    public double Compression { get; }

    /// <summary>The number of values the digest summarises.</summary>
    public double TotalWeight { get; private set; }

    /// <summary>The smallest value seen since the last <see cref="Clear"/>; +∞ when empty.</summary>
    public double Min { get; private set; }

    /// <summary>The largest value seen since the last <see cref="Clear"/>; −∞ when empty.</summary>
    public double Max { get; private set; }

    /// <summary>The number of centroids in use.</summary>
    public int CentroidCount => _count;

    /// <summary>The approximate heap size of the digest: its two arrays and its object header.</summary>
    public int EstimatedBytes => MemoryEstimate.Object(fieldBytes: 48) + MemoryEstimate.Array(_means) + MemoryEstimate.Array(_weights);

    /// <summary>CapacityFor returns the array length a digest needs: δ centroids plus slack for rounding.</summary>
    public static int CapacityFor(double compression) => (int)Math.Ceiling(compression) + 2;

    /// <summary>Clear empties the digest, keeping its arrays.</summary>
    public void Clear()
    {
        _count = 0;
        TotalWeight = 0;
        Min = double.PositiveInfinity;
        Max = double.NegativeInfinity;
    }

    /// <summary>
    /// AddSorted merges <paramref name="sorted"/> (ascending values of weight one) into the digest. The merged
    /// centroids are written into <paramref name="scratch"/>'s arrays, which are then swapped with this digest's,
    /// so scratch's contents are lost. Both digests must have the same compression.
    /// </summary>
    public void AddSorted(ReadOnlySpan<double> sorted, MergingDigest scratch)
    {
        Debug.Assert(scratch != this && scratch._means.Length == _means.Length, "Scratch must be a distinct digest of the same size.");
        if (sorted.IsEmpty)
        {
            return;
        }

        double total = TotalWeight + sorted.Length;
        var compressor = new CentroidCompressor(scratch._means, scratch._weights, total, Compression);
        if (_mergeDescending)
        {
            MergeDescending(ref compressor, sorted);
        }
        else
        {
            MergeAscending(ref compressor, sorted);
        }

        _count = compressor.Finish();
        if (_mergeDescending)
        {
            scratch._means.AsSpan(0, _count).Reverse();
            scratch._weights.AsSpan(0, _count).Reverse();
        }

        // Merging always from the same end leaves that end's centroids full and the other end's ragged;
        // alternating the direction evens this out (as the reference MergingDigest does).
        _mergeDescending = !_mergeDescending;
        (_means, scratch._means) = (scratch._means, _means);
        (_weights, scratch._weights) = (scratch._weights, _weights);
        TotalWeight = total;
        Min = Math.Min(Min, sorted[0]);
        Max = Math.Max(Max, sorted[^1]);
    }

    /// <summary>
    /// MergeFrom replaces this digest's contents with the union of <paramref name="sources"/>, compressed again.
    /// The sources are left unchanged; at most <see cref="QuantileObjectives.MaxAgeBuckets"/> of them.
    /// </summary>
    public void MergeFrom(ReadOnlySpan<MergingDigest> sources)
    {
        Debug.Assert(sources.Length <= QuantileObjectives.MaxAgeBuckets, "One source per age bucket.");
        Clear();
        double total = 0;
        foreach (var source in sources)
        {
            Debug.Assert(source != this, "A digest cannot merge into itself.");
            total += source.TotalWeight;
            Min = Math.Min(Min, source.Min);
            Max = Math.Max(Max, source.Max);
        }

        if (total == 0)
        {
            return;
        }

        // A k-way merge by linear scan: with at most 60 sources it is cheap enough and needs no heap.
        Span<int> next = stackalloc int[sources.Length];
        next.Clear();
        var compressor = new CentroidCompressor(_means, _weights, total, Compression);
        while (true)
        {
            int best = -1;
            double bestMean = double.PositiveInfinity;
            for (int s = 0; s < sources.Length; s++)
            {
                if (next[s] < sources[s]._count && (best < 0 || sources[s]._means[next[s]] < bestMean))
                {
                    best = s;
                    bestMean = sources[s]._means[next[s]];
                }
            }

            if (best < 0)
            {
                break;
            }

            compressor.Add(bestMean, sources[best]._weights[next[best]]);
            next[best]++;
        }

        _count = compressor.Finish();
        TotalWeight = total;
    }

    /// <summary>
    /// Quantile estimates the <paramref name="q"/>-quantile, q in [0, 1]: NaN when empty, always within
    /// [<see cref="Min"/>, <see cref="Max"/>]. The q-quantile is the value of rank ⌈q·n⌉ (ranks 1..n): the smallest
    /// value whose rank reaches q·n, as Prometheus' CKMS-based clients report it; q = 0 gives Min and q = 1 Max.
    /// When that rank falls in a singleton centroid, its exact value is returned; otherwise each centroid is taken
    /// to spread its weight evenly around its mean (rank k at position k − ½) and the estimate is linear in position
    /// between neighbouring means, or between the outer means and Min or Max.
    /// </summary>
    public double Quantile(double q)
    {
        if (_count == 0)
        {
            return double.NaN;
        }

        double n = TotalWeight;
        double rank = Math.Clamp(Math.Ceiling(q * n), 1, n);
        if (rank == 1 || Min == Max)
        {
            return Min;
        }

        if (rank == n)
        {
            return Max;
        }

        double position = rank - 0.5;
        double before = 0;
        int last = _count - 1;
        for (int i = 0; i < last; i++)
        {
            if (rank <= before + _weights[i])
            {
                return WithinCentroid(i, before, position);
            }

            before += _weights[i];
        }

        return WithinCentroid(last, before, position);
    }

    // The estimate for a position inside centroid i, whose first value has rank before + 1.
    private double WithinCentroid(int i, double before, double position)
    {
        if (_weights[i] == 1)
        {
            return _means[i];
        }

        double centre = before + (_weights[i] / 2);
        if (position < centre)
        {
            var (lowValue, lowPosition) = i == 0
                ? (Min, 0.5)
                : (_means[i - 1], before - (_weights[i - 1] / 2));
            return Interpolate(lowValue, lowPosition, _means[i], centre, position);
        }

        double after = before + _weights[i];
        var (highValue, highPosition) = i == _count - 1
            ? (Max, TotalWeight - 0.5)
            : (_means[i + 1], after + (_weights[i + 1] / 2));
        return Interpolate(_means[i], centre, highValue, highPosition, position);
    }

    private double Interpolate(double lowValue, double lowPosition, double highValue, double highPosition, double position) =>
        Clamp(lowValue + ((highValue - lowValue) * ((position - lowPosition) / (highPosition - lowPosition))));

    private void MergeAscending(ref CentroidCompressor compressor, ReadOnlySpan<double> sorted)
    {
        int i = 0;
        int j = 0;
        while (i < _count && j < sorted.Length)
        {
            if (_means[i] <= sorted[j])
            {
                compressor.Add(_means[i], _weights[i]);
                i++;
            }
            else
            {
                compressor.Add(sorted[j], 1);
                j++;
            }
        }

        for (; i < _count; i++)
        {
            compressor.Add(_means[i], _weights[i]);
        }

        for (; j < sorted.Length; j++)
        {
            compressor.Add(sorted[j], 1);
        }
    }

    private void MergeDescending(ref CentroidCompressor compressor, ReadOnlySpan<double> sorted)
    {
        int i = _count - 1;
        int j = sorted.Length - 1;
        while (i >= 0 && j >= 0)
        {
            if (_means[i] >= sorted[j])
            {
                compressor.Add(_means[i], _weights[i]);
                i--;
            }
            else
            {
                compressor.Add(sorted[j], 1);
                j--;
            }
        }

        for (; i >= 0; i--)
        {
            compressor.Add(_means[i], _weights[i]);
        }

        for (; j >= 0; j--)
        {
            compressor.Add(sorted[j], 1);
        }
    }

    private double Clamp(double value) => Math.Clamp(value, Min, Max);
}
