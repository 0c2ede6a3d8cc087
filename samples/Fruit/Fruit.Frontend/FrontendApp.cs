using Instrumentation;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Fruit.Frontend;

/// <summary>Builds the frontend web app; <c>Program</c> runs it, the launcher and the tests host it.</summary>
public static class FrontendApp
{
    /// <summary>The address used when none is configured (<c>--urls</c>, <c>ASPNETCORE_URLS</c>).</summary>
    public const string DefaultUrl = "http://127.0.0.1:5000";

    /// <summary>
    /// Creates the app: <c>AddMetrics()</c> (which also applies <c>[Timed]</c> to the endpoints), OpenTelemetry's
    /// tracing of requests (so the OpenMetrics scrape's histogram buckets and counters carry exemplars: the trace
    /// and span of a request they counted), the storage, <c>/metrics</c> and the shop's endpoints.
    /// <paramref name="configure"/> runs last on the builder.
    /// </summary>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);   // one line per request is too much here
        builder.AddMetrics();

        // Every request is traced, so what it records gets an exemplar; /metrics reads ASP.NET Core's meters through
        // this MeterProvider. Add an exporter (OTLP) to WithTracing to send the traces to a tracing backend.
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("fruit-frontend"))
            .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation(o => o.Filter = context => context.Request.Path != "/metrics"))
            .WithMetrics(metrics => metrics.AddAspNetCoreInstrumentation());
        builder.Services.AddFruitData(builder.Configuration);
        builder.Services.AddSingleton<FrontendMetrics>();
        builder.Services.AddSingleton<FruitTotalsCache>();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapMetrics();
        app.MapGet("/", () => Results.Text("Fruit shop: GET /hello, GET /fruit[?name=apple], POST /fruit {\"name\":\"apple\",\"quantity\":3}, /metrics\n"));
        app.MapFruitEndpoints();
        return app;
    }
}
