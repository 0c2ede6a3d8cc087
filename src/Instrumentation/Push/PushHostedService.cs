using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Instrumentation.Push;

/// <summary>
/// Runs a pusher in the background: a push every <see cref="PushOptions.Interval"/>, and a last one when
/// the host stops (unless <see cref="PushOptions.PushOnShutdown"/> is off), bounded by the host's
/// shutdown time. Nothing it does can fail the application: every failure is logged.
/// </summary>
/// <remarks>
/// <para>
/// The last push is started in <see cref="StopAsync"/> and awaited in <see cref="StoppedAsync"/>. The host
/// calls <c>StopAsync</c> on every hosted service, one after another, before it calls any
/// <c>StoppedAsync</c>, so the last pushes of all pushers run at the same time: a target that hangs holds
/// up only its own push, never another pusher's. Each is cancelled by the token the host passes, which ends
/// when <c>HostOptions.ShutdownTimeout</c> (30 seconds by default) has passed since the host began to
/// stop, or when the caller of <c>IHost.StopAsync</c> cancels: what is left of the shutdown time.
/// </para>
/// <para>Generic over the pusher type so that each pusher gets its own hosted service registration.</para>
/// </remarks>
internal sealed class PushHostedService<TPusher>(TPusher pusher, PushOptions options, TimeProvider timeProvider, ILogger<TPusher> logger)
    : BackgroundService, IHostedLifecycleService
    where TPusher : MetricsPusher
{
    private Task _lastPush = Task.CompletedTask;

    /// <inheritdoc />
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Ends the periodic pushes, then takes the last snapshot and starts sending it, without waiting for it.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (options.PushOnShutdown)
        {
            // PushAsync takes the snapshot before its first await, so the snapshot is of this moment.
            _lastPush = LastPushAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Waits for the last push. It never throws, and it ends soon after the host's token is cancelled: every
    /// wait in it (a request, a retry delay, the send gate) takes that token, and the snapshot was taken in
    /// <see cref="StopAsync"/>.
    /// </summary>
    public Task StoppedAsync(CancellationToken cancellationToken) => _lastPush;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Interval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await pusher.PushAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is not OperationCanceledException and not OutOfMemoryException)
                {
                    PushLog.Unexpected(logger, pusher.Target, exception);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping; what this push did not send stays buffered for the last push.
        }
    }

    private async Task LastPushAsync(CancellationToken cancellationToken)
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
