using Instrumentation;
using QuickStart;

var builder = WebApplication.CreateBuilder(args);
builder.AddMetrics();                                     // also applies [Timed], [Counted], [TrackInProgress] to endpoints
builder.Services.AddSingleton<ShopMetrics>();

var app = builder.Build();
app.MapMetrics();

var fruits = new[] { "apple", "banana", "cherry" };
var metrics = app.Services.GetRequiredService<ShopMetrics>();
foreach (var fruit in fruits)
{
    metrics.Stock.WithLabels(fruit).Set(100);
}

app.MapGet("/", () => Results.Text("Instrumentation quick start: try /hello, /fruit/apple, POST /order/apple, and /metrics\n"));

app.MapGet("/fruit/{name}", [Timed("http_latency", "HTTP latency")] (string name) =>
    Array.IndexOf(fruits, name) < 0 ? Results.NotFound($"No such fruit '{name}'.") : Results.Ok(new { name }));

app.MapGet("/hello", (ShopMetrics m) =>
{
    m.Hello.Inc();
    return "Hello, metrics!";
});

app.MapPost("/order/{fruit}", async (string fruit, ShopMetrics m, CancellationToken cancellationToken) =>
{
    if (Array.IndexOf(fruits, fruit) < 0)
    {
        return Results.NotFound($"No such fruit '{fruit}'. Try one of: {string.Join(", ", fruits)}.");
    }

    using (m.InProgress.TrackInProgress())
    using (m.Latency.WithLabels(fruit).NewTimer())
    {
        await Task.Delay(Random.Shared.Next(5, 60), cancellationToken);
        using (m.Packing.NewTimer())
        {
            await Task.Delay(Random.Shared.Next(1, 20), cancellationToken);
        }
    }

    m.Orders.WithLabels(fruit).Inc();
    m.Stock.WithLabels(fruit).Dec();
    return Results.Ok(new { fruit, stock = m.Stock.WithLabels(fruit).Value });
});

app.Lifetime.ApplicationStarted.Register(() =>
{
    foreach (var address in app.Urls)
    {
        Console.WriteLine($"Quick start running: {address}/hello, POST {address}/order/apple, metrics at {address}/metrics (Ctrl+C stops)");
    }
});

app.Run();

/// <summary>Lets the integration tests boot this app with WebApplicationFactory.</summary>
public partial class Program;
