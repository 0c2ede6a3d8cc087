using System.Net;
using System.Text;
using BenchmarkDotNet.Attributes;
using Instrumentation.Benchmarks.AppLoad;
using Instrumentation.Benchmarks.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;

namespace Instrumentation.Benchmarks.EndpointMetrics;

/// <summary>
/// The app of the app-load test (tests/Instrumentation.Benchmarks/AppLoad) in each of its four configurations, over
/// the in-process test server: one operation is the load test's mix of three requests (GET /, GET /items/{id},
/// POST /orders with a JSON body), so Mean and Allocated are per three requests, and the rows differ by what each
/// configuration's metrics cost on the request path (ours: <c>AddMetrics()</c>, <c>UseHttpMetrics()</c>,
/// <c>[Timed]</c>). Ratio is a multiple of the bare app. The HttpClient and test server allocate several KB per
/// request themselves, the same in every row: read the difference from the bare row.
/// </summary>
public class AppPipelineBenchmarks
{
    private readonly Dictionary<AppConfiguration, (WebApplication App, HttpClient Client)> _apps = [];
    private int _item;

    [GlobalSetup]
    public void Setup()
    {
        foreach (var configuration in (AppConfiguration[])[AppConfiguration.Bare, AppConfiguration.Ours, AppConfiguration.PrometheusNet, AppConfiguration.OpenTelemetry])
        {
            var app = LoadApp.Build(configuration, "http://127.0.0.1:0", series: 0, builder => builder.WebHost.UseTestServer());
            app.StartAsync().GetAwaiter().GetResult();
            _apps[configuration] = (app, app.GetTestClient());
            SendMixAsync(configuration).GetAwaiter().GetResult();
        }

        // The rows only compare if each configuration records what it is given.
        var ours = Scrape(AppConfiguration.Ours);
        if (!ours.Contains("http_request_duration_seconds_count{method=\"POST\",route=\"/orders\",status_code=\"201\"}", StringComparison.Ordinal)
            || !ours.Contains("http_request_size_bytes_sum{method=\"POST\",route=\"/orders\",status=\"201\"} 24", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("Our configuration recorded no [Timed] duration or request size for POST /orders:\n" + ours);
        }

        if (!Scrape(AppConfiguration.PrometheusNet).Contains("http_requests_received_total{code=\"201\",method=\"POST\"", StringComparison.Ordinal)
            || !Scrape(AppConfiguration.OpenTelemetry).Contains("http_route=\"/orders\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("A peer configuration recorded no request to POST /orders.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var (app, client) in _apps.Values)
        {
            client.Dispose();
            app.StopAsync().GetAwaiter().GetResult();
            ((IDisposable)app).Dispose();
        }
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory(BenchmarkCategories.Quick)]
    public Task Bare() => SendMixAsync(AppConfiguration.Bare);

    [Benchmark]
    [BenchmarkCategory(BenchmarkCategories.Quick)]
    public Task Ours() => SendMixAsync(AppConfiguration.Ours);

    [Benchmark]
    public Task PrometheusNet() => SendMixAsync(AppConfiguration.PrometheusNet);

    [Benchmark]
    public Task OpenTelemetry() => SendMixAsync(AppConfiguration.OpenTelemetry);

    private async Task SendMixAsync(AppConfiguration configuration)
    {
        var client = _apps[configuration].Client;
        using (var hello = await client.GetAsync(Relative("/")).ConfigureAwait(false))
        {
            await Expect(hello, HttpStatusCode.OK).ConfigureAwait(false);
        }

        _item = _item % 50 + 1;
        using (var item = await client.GetAsync(Relative("/items/" + _item.ToString(System.Globalization.CultureInfo.InvariantCulture))).ConfigureAwait(false))
        {
            await Expect(item, HttpStatusCode.OK).ConfigureAwait(false);
        }

        using var body = new StringContent(WrkScript.OrderBody, Encoding.UTF8, "application/json");
        using var order = await client.PostAsync(Relative("/orders"), body).ConfigureAwait(false);
        await Expect(order, HttpStatusCode.Created).ConfigureAwait(false);
    }

    private string Scrape(AppConfiguration configuration) =>
        _apps[configuration].Client.GetStringAsync(Relative(LoadApp.MetricsPath)).GetAwaiter().GetResult();

    private static async Task Expect(HttpResponseMessage response, HttpStatusCode status)
    {
        // Read the body, as wrk does, so the whole response is produced.
        await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        if (response.StatusCode != status)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode}, expected {(int)status}");
        }
    }

    private static Uri Relative(string path) => new(path, UriKind.Relative);
}
