namespace Instrumentation.Benchmarks.Support;

/// <summary>
/// The two factory configurations every instrument row is measured under: the default (exemplars on,
/// so each recording reads <see cref="System.Diagnostics.Activity.Current"/>) and exemplars off.
/// The difference between the two rows is what exemplar sampling costs on the hot path.
/// </summary>
internal static class Factories
{
    /// <summary>A factory with default options (exemplars on).</summary>
    public static MetricFactory Default() => new(new MetricFactoryOptions { MeterName = "Instrumentation.Benchmarks" });

    /// <summary>A factory with <see cref="MetricFactoryOptions.Exemplars"/> off.</summary>
    public static MetricFactory WithoutExemplars() =>
        new(new MetricFactoryOptions { MeterName = "Instrumentation.Benchmarks.NoExemplars", Exemplars = false });
}
