namespace Instrumentation.Collection;

/// <summary>
/// The immutable description of a metric family: what every writer needs to print its header.
/// </summary>
/// <param name="Name">The metric name in Prometheus form, without the counter's <c>_total</c> suffix.</param>
/// <param name="Help">The help text (may be empty).</param>
/// <param name="Unit">The unit in Prometheus form (for example <c>seconds</c>), or an empty string.</param>
/// <param name="Type">The kind of metric.</param>
public sealed record MetricFamilyDescriptor(string Name, string Help, string Unit, MetricType Type);
