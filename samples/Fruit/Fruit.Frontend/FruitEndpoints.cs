using Fruit.Data;
using Instrumentation;

namespace Fruit.Frontend;

/// <summary>
/// The shop's HTTP endpoints. Each is timed into the workshop's <c>http_latency</c> histogram, a native one (schema 3)
/// that keeps classic buckets alongside for text-format scrapers and the workshop's queries; the
/// <c>endpoint</c> label (the workshop's name for it) is a constant extra label next to our <c>method</c>,
/// <c>route</c> and <c>status_code</c>.
/// </summary>
public static class FruitEndpoints
{
    private const string Latency = "http_latency";
    private const string LatencyHelp = "HTTP latency";
    private const TimedKind LatencyKind = TimedKind.NativeHistogram;

    /// <summary>Maps <c>GET /hello</c>, <c>GET /fruit</c> and <c>POST /fruit</c>.</summary>
    public static void MapFruitEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/hello", Hello);
        app.MapGet("/fruit", GetFruitAsync);
        app.MapPost("/fruit", PostFruitAsync);
    }

    /// <summary><c>GET /hello</c>: counts into <c>hello_total</c>.</summary>
    [Timed(Latency, LatencyHelp, Kind = LatencyKind, Buckets = [.005, .01, .025, .05, .075, .1, .25, .5, .75, 1, 2.5, 5, 7.5, 10], ExtraLabels = ["endpoint", "/hello"])]
    public static string Hello(FrontendMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        metrics.Hello.Inc();
        return "Hello, fruit lover!";
    }

    /// <summary>
    /// <c>GET /fruit</c>: the total quantity of recently inserted fruits; <c>?name=apple</c> for one fruit
    /// (404 for a fruit the shop does not sell). Reads through the short cache, which updates the gauges.
    /// </summary>
    [Timed(Latency, LatencyHelp, Kind = LatencyKind, Buckets = [.005, .01, .025, .05, .075, .1, .25, .5, .75, 1, 2.5, 5, 7.5, 10], ExtraLabels = ["endpoint", "/fruit"])]
    public static async Task<IResult> GetFruitAsync(string? name, FruitTotalsCache cache, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cache);
        var totals = await cache.GetAsync(cancellationToken).ConfigureAwait(false);
        if (name is null)
        {
            return Results.Ok(new { total = totals.RecentTotal });
        }

        return FruitCatalog.Contains(name)
            ? Results.Ok(new { name, quantity = totals.Recent[name] })
            : Results.NotFound($"No such fruit '{name}'. Try one of: {string.Join(", ", FruitCatalog.Names)}.");
    }

    /// <summary><c>POST /fruit</c>: puts the order on the queue for the backend; 202 when queued, 400 when invalid.</summary>
    [Timed(Latency, LatencyHelp, Kind = LatencyKind, Buckets = [.005, .01, .025, .05, .075, .1, .25, .5, .75, 1, 2.5, 5, 7.5, 10], ExtraLabels = ["endpoint", "/fruit"])]
    public static async Task<IResult> PostFruitAsync(FruitOrder order, IFruitQueueClient queue, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(queue);
        if (!FruitCatalog.Contains(order.Name) || order.Quantity is < 1 or > FruitOrder.MaxQuantity)
        {
            return Results.BadRequest(
                $"Send {{\"name\": one of {string.Join(", ", FruitCatalog.Names)}, \"quantity\": 1 to {FruitOrder.MaxQuantity}}}.");
        }

        await queue.EnqueueAsync(new FruitMessage(order.Name!, order.Quantity), cancellationToken).ConfigureAwait(false);
        return Results.Accepted(value: new { queued = order.Name, order.Quantity });
    }
}
