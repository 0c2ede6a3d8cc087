using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Instrumentation.Collectors;

/// <summary>The runner of every registered collector, created on first use (a DI singleton).</summary>
internal sealed class CollectorRunners
{
    private readonly Lazy<IReadOnlyList<CollectorRunner>> _runners;

    public CollectorRunners(IServiceProvider services, IEnumerable<CollectorRegistration> registrations)
    {
        _runners = new Lazy<IReadOnlyList<CollectorRunner>>(() => Create(services, [.. registrations]));
    }

    /// <summary>Every runner, in registration order.</summary>
    /// <exception cref="InvalidOperationException"><c>AddMetrics()</c> was not called, so there is no <see cref="MetricFactory"/>.</exception>
    public IReadOnlyList<CollectorRunner> All => _runners.Value;

    /// <summary>The runner of the first collector registered with type <paramref name="collectorType"/>, or null.</summary>
    public CollectorRunner? Find(Type collectorType)
    {
        foreach (var runner in All)
        {
            if (runner.Registration.CollectorType == collectorType)
            {
                return runner;
            }
        }

        return null;
    }

    private static List<CollectorRunner> Create(IServiceProvider services, CollectorRegistration[] registrations)
    {
        var runners = new List<CollectorRunner>(registrations.Length);
        if (registrations.Length == 0)
        {
            return runners;
        }

        var factory = services.GetService<MetricFactory>()
            ?? throw new InvalidOperationException(
                "Collectors need the metric factory: call builder.AddMetrics() (or builder.AddCollector<T>(), which calls it) before building the host.");
        var metrics = new CollectorSelfMetrics(factory);
        var time = services.GetService<TimeProvider>() ?? TimeProvider.System;
        var logger = services.GetService<ILoggerFactory>()?.CreateLogger("Instrumentation.Collectors") ?? NullLogger.Instance;
        foreach (var registration in registrations)
        {
            runners.Add(new CollectorRunner(registration, registration.Resolve(services), metrics, time, logger));
        }

        return runners;
    }
}
