namespace Instrumentation.Collectors;

/// <summary>One registered collector: its name, schedule, and how to get it from the service provider.</summary>
internal sealed record CollectorRegistration(
    string Name,
    Type CollectorType,
    TimeSpan Interval,
    bool RunAtStart,
    Func<IServiceProvider, IMetricsCollector> Resolve);
