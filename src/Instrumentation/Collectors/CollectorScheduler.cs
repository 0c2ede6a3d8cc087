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
    private Task? _stop;

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

    public Task StopAsync(CancellationToken cancellationToken)
    {
        // A host may be stopped twice, even at once, or after it was disposed: WebApplicationFactory stops the
        // host that the app's own RunAsync() stops and disposes. The first stop does the work; the others wait for it.
        lock (_timers)
        {
            if (_disposed)
            {
                return Task.CompletedTask;
            }

            return _stop ??= StopOnceAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        ITimer[] timers;
        lock (_timers)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            timers = [.. _timers];
            _timers.Clear();
        }

        foreach (var timer in timers)
        {
            await timer.DisposeAsync().ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    private async Task StopOnceAsync(CancellationToken cancellationToken)
    {
        ITimer[] timers;
        lock (_timers)
        {
            timers = [.. _timers];
            _timers.Clear();
        }

        foreach (var timer in timers)
        {
            await timer.DisposeAsync().ConfigureAwait(false);
        }

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

    /// <summary>The state of one collector's timer.</summary>
    private sealed class Tick(CollectorRunner runner, CancellationToken stopping)
    {
        public void Run() => _ = runner.RunAsync(stopping);
    }
}
