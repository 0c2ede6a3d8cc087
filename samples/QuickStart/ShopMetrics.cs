using Instrumentation;
using Instrumentation.Instruments;

namespace QuickStart;

/// <summary>The demo's instruments, created once from the injected factory.</summary>
public sealed class ShopMetrics(MetricFactory metrics)
{
    public Counter Hello { get; } = metrics.CreateCounter("hello", "Number of times /hello was called");

    public Counter Orders { get; } = metrics.CreateCounter("orders", "Orders placed, by fruit", labelNames: ["fruit"]);

    public Gauge Stock { get; } = metrics.CreateGauge("fruit_stock", "Fruits in stock, by fruit", labelNames: ["fruit"]);

    public Gauge InProgress { get; } = metrics.CreateGauge("orders_in_progress", "Orders being processed right now");

    public Histogram Latency { get; } = metrics.CreateHistogram(
        "order_duration_seconds", "Time to process an order", labelNames: ["fruit"], unit: "seconds");

    public Summary Packing { get; } = metrics.CreateSummary(
        "packing_duration_seconds", "Time to pack an order (quantiles over the last 10 minutes)", unit: "seconds");
}
