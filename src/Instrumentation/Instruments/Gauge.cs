using Instrumentation.Collection;
using Instrumentation.Registry;

namespace Instrumentation.Instruments;

/// <summary>
/// A gauge family: a value that goes up and down. Without labels it is set directly; with labels, on
/// the series from <c>WithLabels(...)</c>. Thread-safe and lock-free.
/// </summary>
public sealed class Gauge : MetricFamily<GaugeChild>, IGauge
{
    internal Gauge(MetricFactory factory, MetricDefinition definition)
        : base(factory, definition)
    {
        factory.Meter.CreateObservableGauge(
            definition.Name,
            () => Measure(static child => child.Value),
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

    private protected override void CollectChild(IMetricsVisitor visitor, GaugeChild child, MetricLabels labels) =>
        visitor.WriteGauge(labels, child.Value);
}
