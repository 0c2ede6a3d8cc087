using System.Buffers;
using System.Diagnostics.Metrics;
using Instrumentation.Collection;
using Instrumentation.Registry;

namespace Instrumentation.Instruments;

/// <summary>
/// A histogram family: observations counted into cumulative buckets (<c>le</c>), with a sum and a
/// count. Without labels it observes directly; with labels, on the series from <c>WithLabels(...)</c>.
/// Thread-safe and lock-free.
/// </summary>
public sealed class Histogram : MetricFamily<HistogramChild>, IValueRecorder
{
    private const int StackCountsLimit = 64;

    internal Histogram(MetricFactory factory, MetricDefinition definition)
        : base(factory, definition)
    {
        UpperBounds = definition.Buckets!;
        SearchBounds = BucketSearch.Pad(UpperBounds);
        Buckets = Array.AsReadOnly(UpperBounds);
        Instrument = factory.Meter.CreateHistogram(
            definition.Name,
            UnitConversion.ToUcum(definition.Unit),
            definition.Help,
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = UpperBounds });
        CompleteConstruction();
    }

    /// <summary>The finite bucket upper bounds, ascending; +Inf is implied.</summary>
    public IReadOnlyList<double> Buckets { get; }

    internal double[] UpperBounds { get; }

    /// <summary><see cref="UpperBounds"/> padded with +Inf for <see cref="BucketSearch"/>.</summary>
    internal double[] SearchBounds { get; }

    /// <summary>How many counts a series keeps: one per finite bucket, plus +Inf.</summary>
    internal int CountLength => UpperBounds.Length + 1;

    internal Histogram<double> Instrument { get; }

    /// <inheritdoc />
    public void Observe(double value) => Unlabelled.Observe(value);

    /// <inheritdoc />
    public DurationTimer NewTimer() => Unlabelled.NewTimer();

    private protected override HistogramChild CreateChild(string[] labelValues) => HistogramChild.Create(this, labelValues);

    private protected override void CollectChild(IMetricsVisitor visitor, HistogramChild child, MetricLabels labels)
    {
        var length = CountLength;
        long[]? rented = null;
        var cumulative = length <= StackCountsLimit ? stackalloc long[length] : (rented = ArrayPool<long>.Shared.Rent(length)).AsSpan(0, length);
        var sum = child.ReadCumulative(cumulative);
        visitor.WriteHistogram(labels, new HistogramPoint(UpperBounds, cumulative, sum, child.CreatedUnixSeconds, child.Exemplars));
        if (rented is not null)
        {
            ArrayPool<long>.Shared.Return(rented);
        }
    }
}
