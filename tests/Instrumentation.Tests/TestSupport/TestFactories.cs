namespace Instrumentation.Tests.TestSupport;

/// <summary>Factories for exposition tests: isolated, on a fixed clock, exemplars on.</summary>
public static class TestFactories
{
    public static MetricFactory Create(bool exemplars = true) =>
        new(new MetricFactoryOptions { TimeProvider = new ManualTimeProvider(), Exemplars = exemplars, MeterName = "Instrumentation.Tests" });
}
