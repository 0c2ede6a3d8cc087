using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Instrumentation.Push;

/// <summary>
/// Runs a pusher in the background: a push every <see cref="PushOptions.Interval"/>, and a last one when
/// the host stops (unless <see cref="PushOptions.PushOnShutdown"/> is off), bounded by the host's
/// shutdown timeout. Nothing it does can fail the application: every failure is logged.
/// </summary>
/// <remarks>Generic over the pusher type so that each pusher gets its own hosted service registration.</remarks>
internal sealed class PushHostedService<TPusher>(TPusher pusher, PushOptions options, TimeProvider timeProvider, ILogger<TPusher> logger) : BackgroundService
    where TPusher : MetricsPusher
{
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (options.PushOnShutdown)
        {
            await PushSafelyAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Interval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await PushSafelyAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping; StopAsync makes the last push.
        }
    }

    private async Task PushSafelyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await pusher.PushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            if (pusher.PendingSnapshots > 0)
            {
                PushLog.ShutdownAbandoned(logger, pusher.Target, pusher.PendingSnapshots);
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            PushLog.Unexpected(logger, pusher.Target, exception);
        }
    }
}
