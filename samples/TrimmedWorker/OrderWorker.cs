using Instrumentation.Exposition;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace TrimmedWorker;

/// <summary>
/// Processes orders 1 to 5 once (order 5 does not exist), tries to cancel order 5, then writes the
/// Prometheus exposition to standard output and stops the application.
/// </summary>
public sealed partial class OrderWorker(
    IOrderStore store,
    IPaymentGateway payments,
    OrderMetrics metrics,
    MetricsScraper scraper,
    IHostApplicationLifetime lifetime,
    ILogger<OrderWorker> logger) : BackgroundService
{
    /// <summary>The order numbers the worker looks up.</summary>
    public const int LastOrderId = 5;

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            for (var id = 1; id <= LastOrderId; id++)
            {
                var order = await store.FindAsync(id, stoppingToken);
                if (order is null)
                {
                    LogMissing(id);
                    continue;
                }

                var receipt = await payments.ChargeAsync(order, stoppingToken);
                metrics.Processed.Inc();
                metrics.Value.Observe(order.Total);
                metrics.Items.Observe(order.Items);
                LogCharged(order.Id, receipt);
            }

            try
            {
                store.Cancel(LastOrderId);
            }
            catch (InvalidOperationException e)
            {
                LogCancelFailed(e.Message);
            }

            var remaining = store.Count();
            LogRemaining(remaining);
            await using (var stdout = Console.OpenStandardOutput())
            {
                await scraper.WriteAsync(stdout, ExpositionFormat.PrometheusText, stoppingToken);
            }
        }
        finally
        {
            lifetime.StopApplication();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {Id} not found")]
    private partial void LogMissing(int id);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {Id} charged: {Receipt}")]
    private partial void LogCharged(int id, string receipt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cancel failed: {Reason}")]
    private partial void LogCancelFailed(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} orders remain")]
    private partial void LogRemaining(int count);
}
