using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Instrumentation.Collectors;

/// <summary>
/// The one hosted service that runs every registered collector on its interval, with a timer each from
/// the <see cref="TimeProvider"/> (so tests drive it with a fake clock). Idle when the process was
/// started to run one collector once.
/// </summary>
internal sealed class CollectorScheduler(IServiceProvider services, CollectorRunners runners) : IHostedService, IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<ITimer> _timers = [];
    private bool _disposed;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (services.GetService<CollectorRunOnceMode>() is not null)
        {
            return Task.CompletedTask;
        }

        var time = services.GetService<TimeProvider>() ?? TimeProvider.System;
        var logger = services.GetService<ILoggerFactory>()?.CreateLogger("Instrumentation.Collectors") ?? NullLogger.Instance;
        foreach (var runner in runners.All)
        {
            var registration = runner.Registration;
            CollectorLog.Scheduled(logger, registration.Name, registration.Interval, registration.RunAtStart);
            var timer = time.CreateTimer(
                static state => ((Tick)state!).Run(),
                new Tick(runner, _stopping.Token),
                registration.RunAtStart ? TimeSpan.Zero : registration.Interval,
                registration.Interval);
            _timers.Add(timer);
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // A host may be stopped again after it was disposed (WebApplicationFactory stops the host that
        // the app's own Run() already stopped and disposed): there is nothing left to stop then.
        if (_disposed)
        {
            return;
        }

        foreach (var timer in _timers)
        {
            await timer.DisposeAsync().ConfigureAwait(false);
        }

        _timers.Clear();
        await _stopping.CancelAsync().ConfigureAwait(false);
        foreach (var runner in runners.All)
        {
            try
            {
                await runner.Current.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The host's shutdown timeout is up: leave the collector that ignores cancellation behind.
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        foreach (var timer in _timers)
        {
            await timer.DisposeAsync().ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    /// <summary>The state of one collector's timer.</summary>
    private sealed class Tick(CollectorRunner runner, CancellationToken stopping)
    {
        public void Run() => _ = runner.RunAsync(stopping);
    }
}
