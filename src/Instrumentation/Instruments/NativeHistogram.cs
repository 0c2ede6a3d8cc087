using System.Diagnostics.Metrics;
using Instrumentation.Collection;
using Instrumentation.Registry;

namespace Instrumentation.Instruments;

/// <summary>
/// A native histogram family: observations counted into exponential buckets whose resolution is set by a schema
/// instead of hand-picked bounds (Prometheus native histograms), with a sum and a count, and optionally classic
/// buckets kept alongside. Without labels it observes directly; with labels, on the series from <c>WithLabels(...)</c>.
/// Thread-safe and lock-free; see <see cref="NativeHistogramChild"/>.
/// </summary>
/// <remarks>
/// Prometheus reads the native buckets from the protobuf exposition (with <c>--enable-feature=native-histograms</c>);
/// the text formats show the classic buckets kept alongside, or only <c>le="+Inf"</c>, <c>_sum</c> and <c>_count</c>.
/// </remarks>
public sealed class NativeHistogram : MetricFamily<NativeHistogramChild>, IValueRecorder
{
    internal NativeHistogram(MetricFactory factory, MetricDefinition definition)
        : base(factory, definition)
    {
        Options = definition.Native!;
        ZeroThreshold = Options.ZeroThreshold;
        ClassicBounds = definition.Buckets ?? [];
        ClassicSearchBounds = BucketSearch.Pad(ClassicBounds);
        ClassicBuckets = Array.AsReadOnly(ClassicBounds);
        Instrument = factory.Meter.CreateHistogram(
            definition.Name,
            UnitConversion.ToUcum(definition.Unit),
            definition.Help,
            tags: null,
            advice: ClassicBounds.Length > 0 ? new InstrumentAdvice<double> { HistogramBucketBoundaries = ClassicBounds } : null);
        CompleteConstruction();
    }

    /// <summary>The starting schema of every series (a series may lower its own).</summary>
    public int Schema => Options.Schema;

    /// <summary>The zero bucket's threshold.</summary>
    /// <remarks>Stored here rather than read through <see cref="Options"/>: every observation reads it.</remarks>
    public double ZeroThreshold { get; }

    /// <summary>The most buckets a series keeps before halving its resolution.</summary>
    public int MaxBucketCount => Options.MaxBucketCount;

    /// <summary>The classic bucket upper bounds kept alongside, ascending (+Inf implied); empty when none.</summary>
    public IReadOnlyList<double> ClassicBuckets { get; }

    internal NativeHistogramShape Options { get; }

    internal double[] ClassicBounds { get; }

    /// <summary><see cref="ClassicBounds"/> padded for <see cref="BucketSearch.Find"/>.</summary>
    internal double[] ClassicSearchBounds { get; }

    internal Histogram<double> Instrument { get; }

    /// <inheritdoc />
    public void Observe(double value) => Unlabelled.Observe(value);

    /// <inheritdoc />
    public DurationTimer NewTimer() => Unlabelled.NewTimer();

    private protected override NativeHistogramChild CreateChild(string[] labelValues) => new(this, labelValues);

    private protected override void CollectChild(IMetricsVisitor visitor, NativeHistogramChild child, MetricLabels labels) => child.Collect(visitor, labels);
}
