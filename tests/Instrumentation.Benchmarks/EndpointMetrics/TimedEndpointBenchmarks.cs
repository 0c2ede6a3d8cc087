// Last result: 2026-12-04 09:04 UTC, `run.sh --quick` on main (ShortRun), 2-core shared VM (AMD EPYC, .NET 10), load average 1.2 to 1.5;
// see docs/benchmarks.md for the targets and the verdicts.
// | Method            | Mean     | Error    | StdDev   | Median    | Ratio | RatioSD | Gen0   | Allocated | Alloc Ratio |
// |------------------ |---------:|---------:|---------:|----------:|------:|--------:|-------:|----------:|------------:|
// | Get_BareEndpoint  | 13.88 μs | 84.95 μs | 4.656 μs | 11.245 μs |  1.07 |    0.41 | 3.9063 |   7.92 KB |        1.00 |
// | Get_TimedEndpoint | 12.20 μs | 83.44 μs | 4.574 μs |  9.690 μs |  0.94 |    0.39 | 3.9063 |   7.94 KB |        1.00 |
//
// Previous result: 2026-11-22, `run.sh --filter '*Timed*'` (ShortRun), twice, 2-core shared VM (AMD EPYC, .NET 10.0.12), noisy.
// Ratio here is a multiple of the bare endpoint (Get_BareEndpoint), not of the Interlocked.Add floor; Mean and
// Allocated are per request. The Error columns are as large as the means: only the timed row's ratio and the
// allocations are worth reading. See docs/benchmarks.md (TimedBenchmarks).
// First run:
// | Method                   | Mean      | Error      | StdDev    | Median    | Ratio | RatioSD | Gen0   | Allocated | Alloc Ratio |
// |------------------------- |----------:|-----------:|----------:|----------:|------:|--------:|-------:|----------:|------------:|
// | Get_TimedCountedEndpoint | 12.922 μs | 125.585 μs | 6.8838 μs | 15.555 μs |  2.57 |    1.19 | 0.4883 |   7.98 KB |        1.01 |
// | Get_BareEndpoint         |  5.029 μs |   3.063 μs | 0.1679 μs |  5.057 μs |  1.00 |    0.04 | 0.4578 |   7.92 KB |        1.00 |
// | Get_TimedEndpoint        |  5.178 μs |   7.432 μs | 0.4074 μs |  5.027 μs |  1.03 |    0.08 | 0.4578 |   7.94 KB |        1.00 |
//
// Second run:
// | Method                   | Mean     | Error     | StdDev   | Ratio | RatioSD | Gen0   | Allocated | Alloc Ratio |
// |------------------------- |---------:|----------:|---------:|------:|--------:|-------:|----------:|------------:|
// | Get_TimedCountedEndpoint | 7.018 μs | 38.724 μs | 2.123 μs |  0.86 |    0.32 | 0.4883 |   7.98 KB |        1.01 |
// | Get_BareEndpoint         | 8.578 μs | 39.519 μs | 2.166 μs |  1.05 |    0.36 | 0.4578 |   7.92 KB |        1.00 |
// | Get_TimedEndpoint        | 8.688 μs | 47.570 μs | 2.607 μs |  1.07 |    0.39 | 0.4578 |   7.94 KB |        1.00 |

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
