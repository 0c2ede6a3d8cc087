using Instrumentation.AspNetCore.HttpMetrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Instrumentation.AspNetCore.Tests.HttpMetrics;

/// <summary>An in-process app with UseHttpMetrics(), /metrics, a health check, templated routes (one answering any status code) and an echo endpoint.</summary>
internal sealed class HttpMetricsApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HttpMetricsApp(WebApplication app)
    {
        _app = app;
        Client = app.GetTestClient();
    }

    public HttpClient Client { get; }

    public static Task<HttpMetricsApp> StartAsync(Action<HttpMetricsOptions>? configure = null, params (string Key, string Value)[] settings) =>
        StartAsync(configure, configureBuilder: null, settings);

    /// <summary>Starts the app; <paramref name="configureBuilder"/> runs on the builder before <c>AddMetrics()</c> (to add OpenTelemetry, say).</summary>
    public static async Task<HttpMetricsApp> StartAsync(Action<HttpMetricsOptions>? configure, Action<WebApplicationBuilder>? configureBuilder, params (string Key, string Value)[] settings)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(settings.Select(static s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        configureBuilder?.Invoke(builder);
        builder.AddMetrics();
        var app = builder.Build();
        app.UseHttpMetrics(configure);
        app.MapMetrics();
        app.MapGet("/healthz", () => "ok");
        app.MapGet("/internal/state", () => "state");
        app.MapGet("/fruit/{name}", (string name) => name == "rotten" ? Results.StatusCode(500) : Results.Text($"fresh {name}"));
        app.MapGet("/status/{code:int}", (int code) => Results.StatusCode(code));
        app.MapPost("/echo", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            return Results.Text(await reader.ReadToEndAsync() + "!");
        });
        await app.StartAsync();
        return new HttpMetricsApp(app);
    }

    /// <summary>
    /// The lines that start with <paramref name="prefix"/> of the first scrape (within 5 s) in which no request but the
    /// scrape itself is in progress: a client can have its response before the server has ended (and recorded) the request.
    /// </summary>
    public async Task<string[]> LinesAsync(string prefix)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        string body;
        while (true)
        {
            body = await Client.GetStringAsync("/metrics");
            var active = body.Split('\n').Where(l => l.StartsWith("http_server_active_requests{", StringComparison.Ordinal))
                .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
            if (active <= 1 || DateTime.UtcNow >= deadline)
            {
                break;
            }

            await Task.Delay(20);
        }

        return body.Split('\n').Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
