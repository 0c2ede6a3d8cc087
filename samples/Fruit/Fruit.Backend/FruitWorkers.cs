using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fruit.Backend;

/// <summary>
/// Runs <see cref="BackendOptions.Workers"/> loops that each process messages until the queue is empty,
/// then poll it every <see cref="BackendOptions.PollInterval"/>. A failed job is logged and the loop goes on.
/// </summary>
public sealed partial class FruitWorkers(
    MessageProcessor processor,
    IOptions<BackendOptions> options,
    TimeProvider timeProvider,
    ILogger<FruitWorkers> logger) : BackgroundService
{
    /// <inheritdoc/>
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var count = Math.Max(1, options.Value.Workers);
        var loops = new Task[count];
        for (var i = 0; i < count; i++)
        {
            loops[i] = RunAsync(i, stoppingToken);
        }

        return Task.WhenAll(loops);
    }

    private async Task RunAsync(int worker, CancellationToken stoppingToken)
    {
        await Task.Yield();
        LogStarted(logger, worker);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!await processor.ProcessNextAsync(stoppingToken).ConfigureAwait(false))
                {
                    await Task.Delay(options.Value.PollInterval, timeProvider, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // A worker loop must survive a failed job; the failure is logged.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogJobFailed(logger, exception, worker);
                await Task.Delay(options.Value.PollInterval, timeProvider, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Worker {Worker} started")]
    private static partial void LogStarted(ILogger logger, int worker);

    [LoggerMessage(Level = LogLevel.Error, Message = "Worker {Worker}: a job failed")]
    private static partial void LogJobFailed(ILogger logger, Exception exception, int worker);
}
