using Instrumentation.Collection;
using Instrumentation.Registry;

namespace Instrumentation.Instruments;

/// <summary>
/// A named metric with its help, unit, kind and label names: the parent of its labelled series.
/// Instances are created by <see cref="MetricFactory"/> and are safe to use from any thread.
/// </summary>
public abstract class MetricFamily
{
    private protected MetricFamily(MetricFactory factory, MetricDefinition definition)
    {
        Factory = factory;
        Definition = definition;
        Descriptor = new MetricFamilyDescriptor(definition.Name, definition.Help, definition.Unit, definition.Type);
        SampleExemplars = factory.Options.Exemplars;
    }

    /// <summary>The metric name (for counters, without the <c>_total</c> suffix added on the wire).</summary>
    public string Name => Definition.Name;

    /// <summary>The help text.</summary>
    public string Help => Definition.Help;

    /// <summary>The unit in Prometheus form (for example <c>seconds</c>), or an empty string.</summary>
    public string Unit => Definition.Unit;

    /// <summary>The kind of metric.</summary>
    public MetricType Type => Definition.Type;

    /// <summary>The label names declared at creation.</summary>
    public IReadOnlyList<string> LabelNames => Definition.LabelNames;

    internal string[] LabelNamesArray => Definition.LabelNames;

    /// <summary>The label names of the overflow series: the family's plus <c>otel_metric_overflow</c>.</summary>
    internal string[] OverflowLabelNamesArray => field ??= [.. Definition.LabelNames, ChildStore<Series>.OverflowLabelName];

    internal MetricFactory Factory { get; }

    /// <summary>Whether the series take exemplars: kept here once rather than in every series.</summary>
    internal bool SampleExemplars { get; }

    internal MetricDefinition Definition { get; }

    internal MetricFamilyDescriptor Descriptor { get; }

    internal abstract void Collect(IMetricsVisitor visitor);

    /// <summary>
    /// Changes whenever series of this family may have been removed for being idle (each sweep that publishes a new
    /// list): a series looked up before a change may no longer be exported. Compare for equality only.
    /// </summary>
    internal virtual int Removals => 0;

    /// <summary>Whether <paramref name="series"/> is this family's overflow series (past the cardinality limit).</summary>
    internal virtual bool IsOverflow(Series series) => false;
}
