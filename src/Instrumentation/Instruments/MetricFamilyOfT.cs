using System.Diagnostics.Metrics;
using Instrumentation.Collection;
using Instrumentation.Registry;

namespace Instrumentation.Instruments;

/// <summary>
/// A metric family whose series are of type <typeparamref name="TChild"/>: <see cref="WithLabels"/>
/// returns the cached series for a tuple of label values, creating it on first use.
/// </summary>
/// <typeparam name="TChild">The series type.</typeparam>
public abstract class MetricFamily<TChild> : MetricFamily
    where TChild : Series
{
    private readonly ChildStore<TChild> _children;
    private readonly long _idleTicks;
    private TChild? _unlabelled;

    private protected MetricFamily(MetricFactory factory, MetricDefinition definition)
        : base(factory, definition)
    {
        _children = new ChildStore<TChild>(definition.Name, definition.LabelNames, CreateChild, definition.CardinalityLimit, ReportOverflow);
        _idleTicks = definition.IdleTimeout.Ticks;
    }

    /// <summary>The number of series created so far.</summary>
    public int SeriesCount => _children.Count;

    /// <summary>
    /// Returns the series for these label values (one per label name, in declaration order), creating
    /// it on first use. Keep the result to skip the lookup on hot paths.
    /// </summary>
    /// <exception cref="ArgumentException">The number of values differs from the number of label names.</exception>
    /// <exception cref="ArgumentNullException">A value is null.</exception>
    /// <remarks>
    /// Past the metric's cardinality limit, a new combination returns the shared overflow series
    /// (label <c>otel_metric_overflow="true"</c>, other labels empty). With an idle timeout, a series
    /// removed for being idle is re-created from zero; do not keep a series across such a gap.
    /// </remarks>
    public TChild WithLabels(params ReadOnlySpan<string> labelValues) => _children.Get(labelValues);

    internal override int Removals => _children.Removals;

    internal override bool IsOverflow(Series series) => ReferenceEquals(series, _children.Overflow);

    /// <summary>The series without labels; only families declared with no label names have one.</summary>
    private protected TChild Unlabelled => _unlabelled ?? ThrowLabelled();

    /// <summary>Creates the unlabelled series; derived constructors call it last, once their own fields are set.</summary>
    private protected void CompleteConstruction()
    {
        if (LabelNamesArray.Length == 0)
        {
            _unlabelled = _children.Get([]);
        }
    }

    private protected abstract TChild CreateChild(string[] labelValues);

    private protected abstract void CollectChild(IMetricsVisitor visitor, TChild child, MetricLabels labels);

    internal override void Collect(IMetricsVisitor visitor)
    {
        if (_idleTicks > 0)
        {
            _children.RemoveIdle(Factory.TimeProvider.GetUtcNow().UtcTicks, _idleTicks);
        }

        var children = _children.Snapshot(out var count);
        var overflow = _children.Overflow;
        if (count == 0 && overflow is null)
        {
            return;
        }

        visitor.BeginFamily(Descriptor);
        for (var i = 0; i < count; i++)
        {
            var child = children[i];
            CollectChild(visitor, child, new MetricLabels(child.LabelNamesArray, child.LabelValuesArray));
        }

        if (overflow is not null)
        {
            CollectChild(visitor, overflow, new MetricLabels(overflow.LabelNamesArray, overflow.LabelValuesArray));
        }

        visitor.EndFamily();
    }

    /// <summary>Reads every series for an observable <c>System.Diagnostics.Metrics</c> instrument.</summary>
    private protected List<Measurement<double>> Measure(Func<TChild, double> read)
    {
        var children = _children.Snapshot(out var count);
        var overflow = _children.Overflow;
        var measurements = new List<Measurement<double>>(count + 1);
        for (var i = 0; i < count; i++)
        {
            measurements.Add(new Measurement<double>(read(children[i]), children[i].Tags));
        }

        if (overflow is not null)
        {
            measurements.Add(new Measurement<double>(read(overflow), overflow.Tags));
        }

        return measurements;
    }

    /// <summary>
    /// Reads every series for an observable <c>System.Diagnostics.Metrics</c> instrument, leaving out
    /// those for which <paramref name="read"/> returns null (no value this time).
    /// </summary>
    private protected List<Measurement<double>> MeasurePresent(Func<TChild, double?> read)
    {
        var children = _children.Snapshot(out var count);
        var overflow = _children.Overflow;
        var measurements = new List<Measurement<double>>(count + 1);
        for (var i = 0; i < count; i++)
        {
            if (read(children[i]) is { } value)
            {
                measurements.Add(new Measurement<double>(value, children[i].Tags));
            }
        }

        if (overflow is not null && read(overflow) is { } overflowValue)
        {
            measurements.Add(new Measurement<double>(overflowValue, overflow.Tags));
        }

        return measurements;
    }

    private void ReportOverflow(bool first) => Factory.SelfMetrics.ReportOverflow(Name, Definition.CardinalityLimit, first);

    private TChild ThrowLabelled() =>
        throw new InvalidOperationException(
            $"Metric '{Name}' has labels [{string.Join(", ", LabelNamesArray)}]; call WithLabels(...) with their values and use the series it returns.");
}
