namespace Instrumentation.Tests.TestSupport;

/// <summary>
/// Creates a <see cref="MetricFactory"/> per test, each with its own meter name, so registries and
/// <see cref="System.Diagnostics.Metrics.MeterListener"/>s of parallel tests never see each other.
/// </summary>
public static class TestFactory
{
    /// <summary>A new factory with a unique meter name and, when given, a fake clock.</summary>
    public static MetricFactory Create(TimeProvider? time = null, bool exemplars = true) =>
        new(new MetricFactoryOptions
        {
            MeterName = NewMeterName(),
            TimeProvider = time ?? TimeProvider.System,
            Exemplars = exemplars,
        });

    /// <summary>A meter name no other test uses.</summary>
    public static string NewMeterName() => $"Instrumentation.Tests.{Guid.NewGuid():N}";
}
