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
/// column here is a multiple of the bare endpoint row, not of the <c>Interlocked.Add</c> floor.
/// </summary>
public class TimedEndpointBenchmarks
{
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
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        // The rows only compare if the marked endpoints were recorded and the bare one was not.
        var timed = _factory.Find(TimedAttribute.DefaultEndpointName);
        if (timed is null || _factory.Find(CountedAttribute.DefaultEndpointName) is null)
        {
            throw new InvalidOperationException("The [Timed] endpoints recorded nothing: UseEndpointMetrics did not apply, so the rows measured bare endpoints.");
        }

        _client.Dispose();
        _app.StopAsync().GetAwaiter().GetResult();
        ((IDisposable)_app).Dispose();
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory(BenchmarkCategories.Quick)]
    public Task<string> Get_BareEndpoint() => _client.GetStringAsync("/bare");

    [Benchmark]
    [BenchmarkCategory(BenchmarkCategories.Quick)]
    public Task<string> Get_TimedEndpoint() => _client.GetStringAsync("/timed");

    [Benchmark]
    public Task<string> Get_TimedCountedEndpoint() => _client.GetStringAsync("/timed-counted");
}
