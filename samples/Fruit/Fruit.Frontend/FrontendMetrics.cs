using Fruit.Data;
using Instrumentation;
using Instrumentation.Instruments;

namespace Fruit.Frontend;

/// <summary>The frontend's own instruments (the workshop's names), created once from the injected factory.</summary>
public sealed class FrontendMetrics(MetricFactory metrics)
{
    /// <summary><c>hello_total</c>: calls of <c>GET /hello</c>.</summary>
    public Counter Hello { get; } = metrics.CreateCounter("hello", "Number of times /hello was called");

    /// <summary><c>all_fruits</c>: total quantity of fruits in the database, as last read.</summary>
    public Gauge AllFruits { get; } = metrics.CreateGauge("all_fruits", "Total quantity of fruits in the database");

    /// <summary><c>recent_fruits{fruit}</c>: quantity inserted within the recent window, per fruit, as last read.</summary>
    public Gauge RecentFruits { get; } = metrics.CreateGauge(
        "recent_fruits", "Quantity of fruits inserted recently, by fruit", labelNames: ["fruit"]);

    /// <summary>Sets <see cref="AllFruits"/> and every fruit's <see cref="RecentFruits"/> from <paramref name="totals"/>.</summary>
    public void Update(FruitTotals totals)
    {
        ArgumentNullException.ThrowIfNull(totals);
        AllFruits.Set(totals.AllTimeTotal);
        foreach (var (fruit, quantity) in totals.Recent)
        {
            RecentFruits.WithLabels(fruit).Set(quantity);
        }
    }
}
