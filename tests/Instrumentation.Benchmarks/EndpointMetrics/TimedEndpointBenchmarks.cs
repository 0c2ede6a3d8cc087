using BenchmarkDotNet.Attributes;
using Instrumentation.Benchmarks.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Instrumentation.Benchmarks.EndpointMetrics;

/// <summary>
/// A GET through the in-process test server to a minimal API endpoint marked <c>[Timed]</c> (and one
/// marked <c>[Timed, Counted]</c>), against the same endpoint unmarked in the same app, with
/// <c>UseEndpointMetrics()</c> in the pipeline for both. A request costs microseconds, so the Ratio
/// column here is a multiple of the bare endpoint row, not of the <c>Interlocked.Add</c> floor. Each
/// request is a whole round trip through <c>HttpClient</c>, the test server and the routing pipeline.
/// </summary>
public class TimedEndpointBenchmarks
{
    /// <summary>Requests per invocation, one after the other; Mean and Allocated are per request.</summary>
    public const int Requests = 16;

    private const string Greeting = "hello";

    private WebApplication _app = null!;
    private HttpClient _client = null!;
    private MetricFactory _factory = null!;

    [GlobalSetup]
    public void Setup()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Configuration["Metrics:IncludeDefaultMeters"] = "false";
        builder.AddMetrics();
        _app = builder.Build();
        _app.UseEndpointMetrics();
        _app.MapGet("/bare", () => Greeting);
        _app.MapGet("/timed", [Timed] () => Greeting);
        _app.MapGet("/timed-counted", [Timed, Counted] () => Greeting);
        _app.StartAsync().GetAwaiter().GetResult();
        _client = _app.GetTestClient();
        _factory = _app.Services.GetRequiredService<MetricFactory>();

        // The rows only compare if the marked endpoints are recorded (their instruments are created on the first request).
        foreach (var path in (string[])["/timed", "/timed-counted"])
        {
            _client.GetStringAsync(path).GetAwaiter().GetResult();
        }

        if (_factory.Find(TimedAttribute.DefaultEndpointName) is null || _factory.Find(CountedAttribute.DefaultEndpointName) is null)
        {
            throw new InvalidOperationException("The marked endpoints recorded nothing: UseEndpointMetrics did not apply, so every row would measure a bare endpoint.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _app.StopAsync().GetAwaiter().GetResult();
        ((IDisposable)_app).Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Requests)]
    [BenchmarkCategory(BenchmarkCategories.Quick)]
    public Task Get_BareEndpoint() => GetAsync("/bare");

    [Benchmark(OperationsPerInvoke = Requests)]
    [BenchmarkCategory(BenchmarkCategories.Quick)]
    public Task Get_TimedEndpoint() => GetAsync("/timed");

    [Benchmark(OperationsPerInvoke = Requests)]
    public Task Get_TimedCountedEndpoint() => GetAsync("/timed-counted");

    private async Task GetAsync(string path)
    {
        for (var i = 0; i < Requests; i++)
        {
            await _client.GetStringAsync(path).ConfigureAwait(false);
        }
    }
}
