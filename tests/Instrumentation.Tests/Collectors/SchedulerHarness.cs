using Instrumentation.Collectors;
using Instrumentation.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Instrumentation.Tests.Collectors;

/// <summary>The collector scheduler on a manual clock, an isolated metric factory and captured logs.</summary>
internal sealed class SchedulerHarness : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    public SchedulerHarness(Action<IServiceCollection> register)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
        services.AddSingleton(Metrics);
        register(services);
        _provider = services.BuildServiceProvider();
        Scheduler = _provider.GetServices<IHostedService>().Single(s => s is CollectorScheduler);
    }

    public ManualTimeProvider Clock { get; } = new();

    public MetricFactory Metrics { get; } = TestFactory.Create();

    public CapturingLoggerProvider Logs { get; } = new();

    public IServiceProvider Services => _provider;

    public IHostedService Scheduler { get; }

    public CollectorRunner Runner(string name) =>
        _provider.GetRequiredService<CollectorRunners>().All.Single(r => r.Name == name);

    public Task StartAsync() => Scheduler.StartAsync(CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await Scheduler.StopAsync(CancellationToken.None);
        await _provider.DisposeAsync();
        Metrics.Dispose();
    }
}
