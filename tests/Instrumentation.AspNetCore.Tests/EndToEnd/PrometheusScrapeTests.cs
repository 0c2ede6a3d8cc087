using System.Net.Http.Headers;
using Instrumentation.AspNetCore.Tests.TestSupport;

namespace Instrumentation.AspNetCore.Tests.EndToEnd;

/// <summary>
/// A tiny app on real Kestrel at 127.0.0.1, checked by the real promtool and scraped by a real
/// Prometheus (Debian's package; the README's test command installs it).
/// </summary>
public sealed class PrometheusScrapeTests : IAsyncLifetime
{
    private readonly PrometheusScrapeTarget _target = PrometheusScrapeTarget.Build();

    public async Task InitializeAsync()
    {
        var metrics = _target.Metrics;
        metrics.CreateCounter("e2e_requests", "Requests, by path", labelNames: ["path"]).WithLabels("/a \"quoted\" \\ path\nnext").Inc(7);
        metrics.CreateGauge("e2e_temperature_celsius", "Temperature", unit: "celsius").Set(21.5);
        var histogram = metrics.CreateHistogram("e2e_latency_seconds", "Latency", labelNames: ["method"], unit: "seconds");
        histogram.WithLabels("GET").Observe(0.02);
        histogram.WithLabels("GET").Observe(3);
        var summary = metrics.CreateSummary("e2e_job_seconds", "Job durations", unit: "seconds");
        for (var i = 1; i <= 100; i++)
        {
            summary.Observe(i / 100.0);
        }

        await _target.StartAsync();
    }

    public async Task DisposeAsync() => await _target.DisposeAsync();

    [Fact]
    public async Task Promtool_AcceptsThePrometheusTextOutput()
    {
        var promtool = ExternalTool.Require("promtool", "prometheus");
        using var client = new HttpClient();
        await client.GetStringAsync(_target.Url("/hello"));
        using var request = new HttpRequestMessage(HttpMethod.Get, _target.Url("/metrics"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/plain"));
        var text = await (await client.SendAsync(request)).Content.ReadAsStringAsync();

        var (exitCode, output) = await ExternalTool.RunAsync(promtool, "check metrics", text, TimeSpan.FromSeconds(30));

        // promtool also lints naming style; only errors fail its exit code, and those are what we assert.
        exitCode.Should().Be(0, $"promtool check metrics said:\n{output}");
    }

    [Fact]
    public async Task Prometheus_ScrapesWithOpenMetricsAndNoError()
    {
        using var client = new HttpClient();
        await client.GetStringAsync(_target.Url("/hello"));
        await using var prometheus = await PrometheusServer.StartAsync("e2e", _target.Target, "/metrics");

        var (health, lastError, _) = await prometheus.WaitForFirstScrapeAsync(TimeSpan.FromSeconds(30));

        lastError.Should().BeEmpty();
        health.Should().Be("up");
        _target.ServedContentTypes.Should().Contain(type => type.StartsWith("application/openmetrics-text; version=1.0.0", StringComparison.Ordinal));

        (await prometheus.QueryUntilPresentAsync("e2e_requests_total", TimeSpan.FromSeconds(15)))
            .Should().ContainSingle().Which.Should().Match<(Dictionary<string, string> Labels, double Value)>(
                r => r.Value == 7 && r.Labels["path"] == "/a \"quoted\" \\ path\nnext");
        (await prometheus.QueryAsync("e2e_temperature_celsius")).Should().ContainSingle().Which.Value.Should().Be(21.5);
        (await prometheus.QueryAsync("e2e_latency_seconds_count{method=\"GET\"}")).Should().ContainSingle().Which.Value.Should().Be(2);
        (await prometheus.QueryAsync("e2e_latency_seconds_bucket{le=\"+Inf\"}")).Should().ContainSingle().Which.Value.Should().Be(2);
        (await prometheus.QueryAsync("e2e_job_seconds{quantile=\"0.5\"}")).Should().ContainSingle().Which.Value.Should().BeApproximately(0.5, 0.05);
        (await prometheus.QueryAsync("http_server_request_duration_seconds_count{http_route=\"/hello\"}")).Should().NotBeEmpty();
    }
}
