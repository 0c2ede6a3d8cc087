using Instrumentation.Quantiles;

namespace Instrumentation.Instruments;

/// <summary>
/// One series of a <see cref="Summary"/>: count and sum in lock-free cells, quantiles in a sliding
/// window of bounded size (absent when the summary has no objectives).
/// </summary>
public sealed class SummaryChild : Series, IValueRecorder
{
    private readonly Summary _summary;
    private readonly SlidingQuantileWindow? _window;
    private long _count;
    private long _sumBits;

    internal SummaryChild(Summary family, string[] labelValues)
        : base(family, labelValues)
    {
        _summary = family;
        var definition = family.Definition;
        if (family.Objectives.Length > 0)
        {
            _window = new SlidingQuantileWindow(family.Objectives, definition.MaxAge, definition.AgeBuckets, family.Factory.TimeProvider);
        }
    }

    /// <summary>The number of observations since creation.</summary>
    public long Count => Volatile.Read(ref _count);

    /// <summary>The sum of observations since creation.</summary>
    public double Sum => AtomicDouble.Read(ref _sumBits);

    /// <inheritdoc />
    public void Observe(double value)
    {
        if (!double.IsFinite(value))
        {
            ThrowNotFinite("Summary", value);
        }

        _window?.Observe(value);
        AtomicDouble.Add(ref _sumBits, value);
        Interlocked.Increment(ref _count);
        Touch();

        var instrument = _summary.Instrument;
        if (instrument.Enabled)
        {
            instrument.Record(value, Tags);
        }
    }

    /// <inheritdoc />
    public DurationTimer NewTimer() => new(this);

    /// <summary>Returns the current estimate of each objective's quantile (NaN when the window is empty).</summary>
    public IReadOnlyList<double> GetQuantiles()
    {
        var values = new double[_summary.Objectives.Length];
        Read(values, out _, out _);
        return values;
    }

    internal void Read(Span<double> quantileValues, out double sum, out long count)
    {
        count = Volatile.Read(ref _count);
        sum = AtomicDouble.Read(ref _sumBits);
        _window?.Query(quantileValues);
    }
}
