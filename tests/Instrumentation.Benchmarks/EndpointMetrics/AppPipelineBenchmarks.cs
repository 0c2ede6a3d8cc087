// Last result: 2026-12-05 06:58 UTC, each row in its own process (`--in-process --filter '*AppPipelineBenchmarks.<Row>'
// --iterationCount 25 --warmupCount 5`, the rows in turn, three rounds; ranges over the rounds), after the kept series
// and the presence check (docs/benchmarks.md, "Latest"); load average 1.0 to 1.2. Per mix of three requests:
// | Method             | Mean             | Allocated |
// |------------------- |-----------------:|----------:|
// | Bare               |  8.58 -  9.00 us |  11.21 KB |
// | OpenTelemetry      | 10.87 - 11.38 us |  12.22 KB |
// | OursAddMetricsOnly | 10.75 - 11.31 us |  12.13 KB |
// | Ours               | 12.64 - 13.09 us |  12.45 KB |
//
// Previous result: 2026-12-05 04:42 UTC, each row in its own process (`--in-process --filter '*AppPipelineBenchmarks.<Row>'`,
// IterationCount 30, twice; ranges over the two), 2-core VM, load average 1.2 to 1.4. Per mix of three requests;
// see docs/benchmarks.md ("What an application pays").
// | Method                      | Mean            | Allocated |
// |---------------------------- |----------------:|----------:|
// | Bare                        |  8.62 -  8.98 us |  11.21 KB |
// | BareWithNoOpListener        |  9.92 - 10.20 us |  12.13 KB |
// | OursWithoutAspNetCoreMeters | 10.94 - 11.06 us |  11.53 KB |
// | OpenTelemetry               | 11.20 - 11.44 us |  12.22 KB |
// | OursAddMetricsOnly          | 11.55 - 11.71 us |  12.24 KB |
// | OursOwnCellsPrototype       | 12.74 - 13.53 us |  12.45 KB |
// | Ours                        | 13.32 - 13.39 us |  12.45 KB |
// | PrometheusNet               | 21.30 - 21.82 us |  13.74 KB |
// Rows run together in one process (run.sh --in-process) are not comparable: prometheus-net's default registry starts
// a process-wide meter listener that outlives its row, and every row after it pays for it (Ours measured 26 us so).

using System.Text;
using BenchmarkDotNet.Attributes;
using Instrumentation.Benchmarks.AppLoad;
using Instrumentation.Benchmarks.Configuration;
using Instrumentation.Benchmarks.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection;

namespace Instrumentation.Benchmarks.EndpointMetrics;

/// <summary>
/// What the app-load test's app (tests/Instrumentation.Benchmarks/AppLoad) costs per request in each of its four
/// configurations, without a client or a socket: requests go straight into the hosting pipeline through
/// <see cref="DirectServer"/> (ASP.NET Core's activity and meters, every middleware, the endpoint). One operation is
/// the load test's mix of three requests (GET /, GET /items/{id}, POST /orders with a JSON body), so Mean and
/// Allocated are per three requests; the bare row is the app and the request features alone, and each other row's
/// difference from it is what that configuration's metrics cost (ours: <c>AddMetrics()</c>, <c>UseHttpMetrics()</c>,
/// <c>[Timed]</c> on the routes). Ratio is a multiple of the bare app. Each row runs its own app only.
/// </summary>
/// <remarks>
/// Run each row in a process of its own (BenchmarkDotNet's default toolchain does; <c>run.sh --in-process</c> does
/// not): the PrometheusNet row leaves prometheus-net's process-wide meter listener running, and every row after it in
/// the same process would pay for it. CI's <c>--dry</c> run shares one process and judges nothing.
/// </remarks>
public class AppPipelineBenchmarks
{
    private static readonly byte[] OrderBody = Encoding.UTF8.GetBytes(WrkScript.OrderBody);

    private WebApplication? _app;
    private DirectServer _server = null!;
    private int _item;

    [GlobalSetup(Target = nameof(Bare))]
    public void SetupBare() => Setup(AppConfiguration.Bare, "");

    [GlobalSetup(Target = nameof(Ours))]
    public void SetupOurs() => Setup(AppConfiguration.Ours, "http_request_size_bytes_sum{method=\"POST\",route=\"/orders\",status=\"201\"} ");

    [GlobalSetup(Target = nameof(PrometheusNet))]
    public void SetupPrometheusNet()
    {
        // prometheus-net's default registry starts a process-wide MeterListener (its meter adapter) that enables every
        // instrument of every meter and outlives the app: in an in-process run (--dry) it would listen to the other
        // classes' benchmark meters, which their setup checks refuse. It keeps listening to everything else (ASP.NET
        // Core's meters included), so this row still pays what prometheus-net's defaults cost an app.
        Prometheus.Metrics.ConfigureMeterAdapter(static options =>
            options.InstrumentFilterPredicate = static instrument => !instrument.Meter.Name.StartsWith("Instrumentation.Benchmarks", StringComparison.Ordinal));
        SetupPrometheusNetApp();
    }

    private void SetupPrometheusNetApp() => Setup(AppConfiguration.PrometheusNet, "http_requests_received_total{code=\"201\",method=\"POST\",controller=\"\",action=\"\",endpoint=\"/orders\"} ");

    [GlobalSetup(Target = nameof(OpenTelemetry))]
    public void SetupOpenTelemetry() => Setup(AppConfiguration.OpenTelemetry, "http_route=\"/orders\"");

    [GlobalSetup(Target = nameof(OursWithoutAspNetCoreMeters))]
    public void SetupOursWithoutAspNetCoreMeters() => Setup(AppConfiguration.OursWithoutAspNetCoreMeters, "http_request_size_bytes_sum{method=\"POST\",route=\"/orders\",status=\"201\"} ");

    [GlobalSetup(Target = nameof(OursAddMetricsOnly))]
    public void SetupOursAddMetricsOnly() => Setup(AppConfiguration.OursAddMetricsOnly, "http_route=\"/orders\"");

    [GlobalSetup(Target = nameof(OursOwnCellsPrototype))]
    public void SetupOursOwnCellsPrototype() => Setup(AppConfiguration.OursOwnCellsPrototype, "aspnetcore_prototype_request_duration_seconds_count{http_request_method=\"POST\"");

    [GlobalSetup(Target = nameof(BareWithNoOpListener))]
    public void SetupBareWithNoOpListener() => Setup(AppConfiguration.BareWithNoOpListener, "");

    [GlobalCleanup]
    public void Cleanup()
    {
        if (_app is not null)
        {
            _app.StopAsync().GetAwaiter().GetResult();
            ((IDisposable)_app).Dispose();
        }
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory(BenchmarkCategories.Quick)]
    public Task Bare() => SendMixAsync();

    [Benchmark]
    [BenchmarkCategory(BenchmarkCategories.Quick)]
    public Task Ours() => SendMixAsync();

    [Benchmark]
    public Task PrometheusNet() => SendMixAsync();

    /// <summary>Breakdown: <c>UseHttpMetrics()</c> and <c>[Timed]</c> without ASP.NET Core's meters exported.</summary>
    [Benchmark]
    public Task OursWithoutAspNetCoreMeters() => SendMixAsync();

    /// <summary>Breakdown: <c>AddMetrics()</c> and <c>MapMetrics()</c> only (ASP.NET Core's meters through the SDK).</summary>
    [Benchmark]
    public Task OursAddMetricsOnly() => SendMixAsync();

    /// <summary>Breakdown: the bare app with ASP.NET Core's meters listened to and every measurement dropped.</summary>
    [Benchmark]
    public Task BareWithNoOpListener() => SendMixAsync();

    [Benchmark]
    public Task OpenTelemetry() => SendMixAsync();

    /// <summary>Breakdown: ours with ASP.NET Core's request duration and active requests recorded in our own cells by a listener (a prototype).</summary>
    [Benchmark]
    public Task OursOwnCellsPrototype() => SendMixAsync();

    private void Setup(AppConfiguration configuration, string recorded)
    {
        _server = new DirectServer();
        _app = LoadApp.Build(configuration, "http://127.0.0.1:0", series: 0, builder => builder.Services.AddSingleton<IServer>(_server));
        _app.StartAsync().GetAwaiter().GetResult();
        SendMixAsync().GetAwaiter().GetResult();

        // The rows only compare if each configuration records what it is given.
        var scrape = new MemoryStream();
        var features = DirectRequest.Create("GET", LoadApp.MetricsPath, responseBody: scrape);
        _server.SendAsync(features).GetAwaiter().GetResult();
        var text = Encoding.UTF8.GetString(scrape.ToArray());
        var expectedStatus = configuration is AppConfiguration.Bare or AppConfiguration.BareWithNoOpListener ? 404 : 200;
        if (DirectRequest.Status(features) != expectedStatus || !text.Contains(recorded, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{configuration}: {LoadApp.MetricsPath} answered {DirectRequest.Status(features)} without '{recorded}':\n{text}");
        }
    }

    private async Task SendMixAsync()
    {
        _item = _item % 50 + 1;
        await SendAsync(DirectRequest.Create("GET", "/"), 200).ConfigureAwait(false);
        await SendAsync(DirectRequest.Create("GET", "/items/" + _item.ToString(System.Globalization.CultureInfo.InvariantCulture)), 200).ConfigureAwait(false);
        await SendAsync(DirectRequest.Create("POST", "/orders", OrderBody), 201).ConfigureAwait(false);
    }

    private async Task SendAsync(Microsoft.AspNetCore.Http.Features.IFeatureCollection features, int status)
    {
        await _server.SendAsync(features).ConfigureAwait(false);
        if (DirectRequest.Status(features) != status)
        {
            throw new InvalidOperationException($"{features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()!.Path}: {DirectRequest.Status(features)}, expected {status}");
        }
    }
}
