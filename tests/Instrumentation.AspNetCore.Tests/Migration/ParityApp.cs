using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Instrumentation.AspNetCore.Tests.Migration;

/// <summary>
/// One Kestrel app on loopback that serves the same meters twice: through our <c>/metrics</c> (with the exporter's
/// scope labels and <c>target_info</c> turned on) and through OpenTelemetry.Exporter.Prometheus.AspNetCore's
/// <c>/otel-metrics</c>. The meters: ASP.NET Core's, <c>System.Runtime</c>, and <see cref="ShopMeterName"/> with every
/// instrument kind, units and dotted names (plus <see cref="PlainMeterName"/>, a meter without version or tags).
/// </summary>
internal sealed class ParityApp : IAsyncDisposable
{
    public const string ShopMeterName = "Parity.Shop";
    public const string PlainMeterName = "Parity.Plain";
    public const string ExporterPath = "/otel-metrics";
    public const string ServiceName = "parity-shop";

    private readonly Meter _shop;
    private readonly Meter _plain;

    private ParityApp(WebApplication app, Meter shop, Meter plain, HttpClient client)
    {
        App = app;
        _shop = shop;
        _plain = plain;
        Client = client;
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public static async Task<ParityApp> StartAsync(bool scopeLabelsAndTargetInfo = true)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        if (scopeLabelsAndTargetInfo)
        {
            builder.Configuration["Metrics:ScopeLabels"] = "true";
            builder.Configuration["Metrics:TargetInfo"] = "true";
        }

        builder.AddMetrics();
        // As docs/migrating.md says: the app's setup stays, less the exporter; AddMetrics() reads through its provider.
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithMetrics(metrics => metrics
            .AddMeter([.. Instrumentation.Hosting.MetricsOptions.DefaultMeters])
            .AddMeter("Parity.*")
            .AddPrometheusExporter(exporter => exporter.ScrapeResponseCacheDurationMilliseconds = 0));

        var app = builder.Build();
        app.MapGet("/orders/{id:int}", (int id) => Results.Ok(id));
        app.MapMetrics();
        app.MapPrometheusScrapingEndpoint(ExporterPath);
        await app.StartAsync();

        var shop = new Meter(ShopMeterName, "2.1.0", [new("deployment.region", "eu-west")]);
        var plain = new Meter(PlainMeterName);
        Record(shop, plain);

        var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        return new ParityApp(app, shop, plain, client);
    }

    /// <summary>Our <c>/metrics</c> body, in Prometheus text 0.0.4 or OpenMetrics 1.0.0.</summary>
    public Task<string> ScrapeOursAsync(bool openMetrics = false) => ScrapeAsync("/metrics", openMetrics);

    /// <summary>The exporter's body, in Prometheus text 0.0.4 or OpenMetrics 1.0.0.</summary>
    public Task<string> ScrapeExporterAsync(bool openMetrics = false) => ScrapeAsync(ExporterPath, openMetrics);

    private async Task<string> ScrapeAsync(string path, bool openMetrics)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept", openMetrics ? "application/openmetrics-text; version=1.0.0" : "text/plain; version=0.0.4");
        using var response = await Client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        _shop.Dispose();
        _plain.Dispose();
    }

    private static void Record(Meter shop, Meter plain)
    {
        var apple = new KeyValuePair<string, object?>("fruit.name", "apple");
        var pear = new KeyValuePair<string, object?>("fruit.name", "pear \"conference\"\\ripe");
        var express = new KeyValuePair<string, object?>("shipping.express", true);
        var quantity = new KeyValuePair<string, object?>("order.quantity", 3);

        var orders = shop.CreateCounter<long>("shop.orders", "{order}", "Orders placed");
        orders.Add(3, apple);
        orders.Add(2, pear, express);
        shop.CreateCounter<double>("shop.revenue", "{EUR}", "Revenue").Add(12.75, apple, quantity);
        shop.CreateUpDownCounter<int>("shop.carts.active", "{cart}", "Carts open").Add(4);
        var checkout = shop.CreateHistogram<double>("shop.checkout.duration", "s", "Checkout time");
        checkout.Record(0.042, apple);
        checkout.Record(1.5, apple);
        checkout.Record(7, pear);
        shop.CreateHistogram<double>("shop.db.latency", "ms", "Database latency").Record(12.5);
        shop.CreateHistogram<long>("shop.payload.size", "By", "Payload sizes",
            advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [100, 1000, 10000] }).Record(1234);
        shop.CreateObservableCounter("shop.cpu.time", () => 1.25, "s", "CPU used");
        shop.CreateObservableGauge("shop.temperature", () => new Measurement<double>(21.5, apple), "Cel", "Fridge temperature");
        shop.CreateObservableUpDownCounter("shop.queue.length", () => 17L, "{message}", "Messages waiting");
        shop.CreateGauge<double>("shop.stock.level", "{item}", "Stock").Record(40, apple);
        shop.CreateCounter<long>("shop.requests_total", "{request}", "Already suffixed").Add(1);
        plain.CreateCounter<long>("plain.events").Add(5);
    }
}
