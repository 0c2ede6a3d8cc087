using Instrumentation;
using Instrumentation.Instruments;

namespace TrimmedWorker;

/// <summary>The worker's own instruments, created once from the injected factory.</summary>
public sealed class OrderMetrics(MetricFactory metrics)
{
    /// <summary>Orders charged.</summary>
    public Counter Processed { get; } = metrics.CreateCounter("worker_orders_processed", "Orders charged by the worker");

    /// <summary>What each charged order cost.</summary>
    public Histogram Value { get; } = metrics.CreateHistogram(
        "worker_order_value_dollars", "Value of each charged order, in dollars", buckets: [5, 10, 20, 50]);

    /// <summary>How many items each charged order held.</summary>
    public Summary Items { get; } = metrics.CreateSummary("worker_order_items", "Items per charged order");
}
