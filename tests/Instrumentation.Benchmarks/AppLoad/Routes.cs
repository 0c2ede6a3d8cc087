using System.Text.Json.Serialization;

namespace Instrumentation.Benchmarks.AppLoad;

/// <summary>
/// The app's routes: a greeting, an item read by id (JSON out) and an order placed (JSON in, 201 and JSON out).
/// The same handlers in every configuration; only ours carries <c>[Timed]</c>, on a second set of handlers.
/// </summary>
internal static class Routes
{
    public const string Greeting = "Hello from the app-load benchmark";

    public static void Map(WebApplication app, bool timed)
    {
        if (timed)
        {
            app.MapGet("/", TimedHandlers.Hello);
            app.MapGet("/items/{id:int}", TimedHandlers.GetItem);
            app.MapPost("/orders", TimedHandlers.PlaceOrder);
        }
        else
        {
            app.MapGet("/", Hello);
            app.MapGet("/items/{id:int}", GetItem);
            app.MapPost("/orders", PlaceOrder);
        }
    }

    public static string Hello() => Greeting;

    public static IResult GetItem(int id) =>
        id is > 0 and <= 1000 ? Results.Ok(new Item(id, $"item {id}", id * 1.25m)) : Results.NotFound();

    public static IResult PlaceOrder(Order order) =>
        order.Quantity > 0 ? Results.Created($"/orders/{order.ItemId}", new OrderPlaced(order.ItemId, order.Quantity, order.Quantity * 1.25m)) : Results.BadRequest();

    /// <summary>The same handlers with <c>[Timed]</c>, for our configuration.</summary>
    private static class TimedHandlers
    {
        [Timed]
        public static string Hello() => Routes.Hello();

        [Timed]
        public static IResult GetItem(int id) => Routes.GetItem(id);

        [Timed]
        public static IResult PlaceOrder(Order order) => Routes.PlaceOrder(order);
    }
}

internal sealed record Item(int Id, string Name, decimal Price);

internal sealed record Order([property: JsonPropertyName("item")] int ItemId, [property: JsonPropertyName("quantity")] int Quantity);

internal sealed record OrderPlaced(int ItemId, int Quantity, decimal Total);
