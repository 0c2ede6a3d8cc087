using Instrumentation.Collection;
using Instrumentation.Registry;

namespace Instrumentation.Instruments;

/// <summary>
/// A gauge family: a value that goes up and down. Without labels it is set directly; with labels, on
/// the series from <c>WithLabels(...)</c>. Thread-safe and lock-free.
/// </summary>
public sealed class Gauge : MetricFamily<GaugeChild>, IGauge
{
    private int _failingSeries;

    internal Gauge(MetricFactory factory, MetricDefinition definition)
        : base(factory, definition)
    {
        factory.Meter.CreateObservableGauge(
            definition.Name,
            () => MeasurePresent(static child => child.TryCollect(ICollectionDeadline.None, out var value) ? value : null),
            UnitConversion.ToUcum(definition.Unit),
            definition.Help);
        CompleteConstruction();
    }

    /// <inheritdoc />
    public double Value => Unlabelled.Value;

    /// <inheritdoc />
    public void Set(double value) => Unlabelled.Set(value);

    /// <inheritdoc />
    public void Inc() => Unlabelled.Inc();

    /// <inheritdoc />
    public void Inc(double amount) => Unlabelled.Inc(amount);

    /// <inheritdoc />
    public void Dec() => Unlabelled.Dec();

    /// <inheritdoc />
    public void Dec(double amount) => Unlabelled.Dec(amount);

    /// <inheritdoc />
    public void SetToCurrentTimeUnix() => Unlabelled.SetToCurrentTimeUnix();

    /// <inheritdoc />
    public void SetCallback(Func<double>? callback) => Unlabelled.SetCallback(callback);

    /// <inheritdoc />
    public InProgressScope TrackInProgress() => Unlabelled.TrackInProgress();

    private protected override GaugeChild CreateChild(string[] labelValues) => new(this, labelValues);

    /// <summary>Counts one more series whose callback fails; true when it is the metric's first, to log once per metric.</summary>
    internal bool SeriesStartedFailing() => Interlocked.Increment(ref _failingSeries) == 1;

    /// <summary>Counts one failing series as recovered; true when none of the metric's series fails any more.</summary>
    internal bool SeriesRecovered() => Interlocked.Decrement(ref _failingSeries) == 0;

    private protected override void CollectChild(IMetricsVisitor visitor, GaugeChild child, MetricLabels labels)
    {
        // A series whose callback threw or timed out is left out: Prometheus marks it stale.
        if (child.TryCollect(ICollectionDeadline.Of(visitor), out var value))
        {
            visitor.WriteGauge(labels, value);
        }
    }
}
