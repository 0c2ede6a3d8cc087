using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace Instrumentation.Benchmarks.Baselines;

/// <summary>
/// The OpenTelemetry Prometheus exporter (OpenTelemetry.Exporter.Prometheus.AspNetCore) driven in-process:
/// a <see cref="MeterProvider"/> listening to one meter with <c>AddPrometheusExporter()</c>, served by
/// <c>MapPrometheusScrapingEndpoint</c> on a <see cref="TestServer"/> (its scrape middleware is internal,
/// so a request is the only way in). The figure includes one in-memory request per scrape (tens of
/// microseconds; a few nanoseconds per series over 10,000 series) but no socket.
/// </summary>
/// <remarks>
/// Its response cache is off (it would otherwise answer repeated scrapes from a copy for 300 ms), and so
/// are <c>otel_scope_*</c> labels and <c>target_info</c>, so it writes the same sample lines as our writer.
/// </remarks>
internal sealed class OpenTelemetryPrometheusScrape : IDisposable
{
    private const string Path = "/metrics";

    private readonly MeterProvider _provider;
    private readonly WebApplication _app;
    private readonly HttpClient _client;

    /// <summary>Listens to <paramref name="meterName"/>, keeping up to <paramref name="cardinalityLimit"/> series per instrument.</summary>
    public OpenTelemetryPrometheusScrape(string meterName, int cardinalityLimit)
    {
        _provider = Sdk.CreateMeterProviderBuilder()
            .AddMeter(meterName)
            .AddView(_ => new MetricStreamConfiguration { CardinalityLimit = cardinalityLimit })
            .AddPrometheusExporter(options =>
            {
                options.ScrapeResponseCacheDurationMilliseconds = 0;
                options.ScopeInfoEnabled = false;
                options.TargetInfoEnabled = false;
            })
            .Build();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPrometheusScrapingEndpoint(Path, _provider, configureBranchedPipeline: null, optionsName: null);
        _app.StartAsync().GetAwaiter().GetResult();
        _client = _app.GetTestClient();
    }

    /// <summary>One scrape copied to <paramref name="body"/>; throws unless the exporter answered 200.</summary>
    public void Scrape(Stream body)
    {
        using var response = _client.GetAsync(Path, HttpCompletionOption.ResponseHeadersRead).GetAwaiter().GetResult();
        response.EnsureSuccessStatusCode();
        response.Content.CopyToAsync(body).GetAwaiter().GetResult();
    }

    /// <summary>One scrape as text.</summary>
    public string ScrapeText() => _client.GetStringAsync(Path).GetAwaiter().GetResult();

    public void Dispose()
    {
        _client.Dispose();
        _app.StopAsync().GetAwaiter().GetResult();
        ((IDisposable)_app).Dispose();
        _provider.Dispose();
    }
}
