using Instrumentation.Collection;
using Instrumentation.Registry;

namespace Instrumentation.Instruments;

/// <summary>
/// A counter family: a total that only goes up, exposed as <c>name_total</c>. Without labels it counts
/// directly (<see cref="Inc()"/>); with labels, count on the series from <c>WithLabels(...)</c>.
/// Thread-safe and lock-free.
/// </summary>
public sealed class Counter : MetricFamily<CounterChild>, ICounter
{
    internal Counter(MetricFactory factory, MetricDefinition definition)
        : base(factory, definition)
    {
        factory.Meter.CreateObservableCounter(
            definition.Name,
            () => Measure(static child => child.Value),
            UnitConversion.ToUcum(definition.Unit),
            definition.Help);
        CompleteConstruction();
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The counter has labels.</exception>
    public double Value => Unlabelled.Value;

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The counter has labels.</exception>
    public void Inc() => Unlabelled.Inc();

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The counter has labels.</exception>
    public void Inc(double increment) => Unlabelled.Inc(increment);

    private protected override CounterChild CreateChild(string[] labelValues) => new(this, labelValues);

    private protected override void CollectChild(IMetricsVisitor visitor, CounterChild child, MetricLabels labels) =>
        visitor.WriteCounter(labels, child.Value, child.CreatedUnixSeconds, child.Exemplar);
}
