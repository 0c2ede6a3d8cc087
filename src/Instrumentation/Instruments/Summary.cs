using Instrumentation.Collection;
using Instrumentation.Quantiles;
using Instrumentation.Registry;

namespace Instrumentation.Instruments;

/// <summary>
/// A summary family: observations summarised as quantiles over a sliding time window, plus a sum and a
/// count since creation. Without labels it observes directly; with labels, on the series from
/// <c>WithLabels(...)</c>. Thread-safe; observing takes no lock on its fast path.
/// </summary>
public sealed class Summary : MetricFamily<SummaryChild>, IValueRecorder
{
    /// <summary>How long an observation counts towards the quantiles unless configured: 10 minutes.</summary>
    public static readonly TimeSpan DefaultMaxAge = TimeSpan.FromMinutes(10);

    /// <summary>How many buckets the window rotates through unless configured: 5.</summary>
    public const int DefaultAgeBuckets = 5;

    private static readonly QuantileObjective[] DefaultObjectiveArray = [new(0.5, 0.05), new(0.9, 0.01), new(0.99, 0.001)];

    internal Summary(MetricFactory factory, MetricDefinition definition)
        : base(factory, definition)
    {
        Objectives = definition.Objectives!;
        QuantileValues = new double[Objectives.Length];
        for (var i = 0; i < Objectives.Length; i++)
        {
            QuantileValues[i] = Objectives[i].Quantile;
        }

        Instrument = factory.Meter.CreateHistogram<double>(definition.Name, UnitConversion.ToUcum(definition.Unit), definition.Help);
        CompleteConstruction();
    }

    /// <summary>The default objectives: 0.5±0.05, 0.9±0.01, 0.99±0.001.</summary>
    public static IReadOnlyList<QuantileObjective> DefaultObjectives => DefaultObjectiveArray;

    /// <summary>The quantile objectives of this summary, ascending (empty: sum and count only).</summary>
    public IReadOnlyList<QuantileObjective> QuantileObjectives => Objectives;

    internal QuantileObjective[] Objectives { get; }

    internal double[] QuantileValues { get; }

    internal System.Diagnostics.Metrics.Histogram<double> Instrument { get; }

    /// <inheritdoc />
    public void Observe(double value) => Unlabelled.Observe(value);

    /// <inheritdoc />
    public DurationTimer NewTimer() => Unlabelled.NewTimer();

    private protected override SummaryChild CreateChild(string[] labelValues) => new(this, labelValues);

    private protected override void CollectChild(IMetricsVisitor visitor, SummaryChild child, MetricLabels labels)
    {
        Span<double> values = stackalloc double[Objectives.Length];
        child.Read(values, out var sum, out var count);
        visitor.WriteSummary(labels, new SummaryPoint(QuantileValues, values, sum, count, child.CreatedUnixSeconds));
    }
}
