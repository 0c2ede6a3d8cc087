using System.Diagnostics.Metrics;
using System.Net.Http.Headers;
using Instrumentation.AspNetCore.Tests.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Instrumentation.AspNetCore.Tests.EndToEnd;

/// <summary>
/// An app whose own meters record everything the formats forbid or cannot tell apart (a histogram tag named
/// <c>le</c>, tags that differ only before sanitizing, negative and NaN counter totals, two meters with one
/// instrument name, a foreign family named like one of ours, a counter and a gauge with one name, infinite
/// gauges, negative histogram and summary observations), served on real Kestrel and read by the real
/// promtool, the reference OpenMetrics parser and a real Prometheus, which must find the target up.
/// </summary>
public sealed class HostileMetersScrapeTests : IAsyncLifetime
{
    private readonly int _port = FreePort.Next();
    private readonly string _meterName = "Hostile." + Guid.NewGuid().ToString("N");
    private readonly List<Meter> _meters = [];
    private WebApplication? _app;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{_port}");
        builder.AddMetrics(options =>
        {
            options.IncludeDefaultMeters = false;
            options.Meters.Add(_meterName + "*");
        });
        _app = builder.Build();
        _app.MapMetrics();

        var ours = _app.Services.GetRequiredService<MetricFactory>();
        ours.CreateGauge("hostile_ours", "Ours, and also the name of a foreign counter.").Set(1);
        ours.CreateHistogram("hostile_delta", "Signed values", buckets: [0, 1]).Observe(-5);
        var summary = ours.CreateSummary("hostile_skew_seconds", "Signed durations", unit: "seconds");
        summary.Observe(-3);
        summary.Observe(-1);

        await _app.StartAsync();
        RecordHostileMeasurements();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        foreach (var meter in _meters)
        {
            meter.Dispose();
        }
    }

    [Fact]
    public async Task Promtool_AcceptsTheTextOutput()
    {
        var promtool = ExternalTool.Require("promtool", "prometheus");
        var text = await ScrapeAsync("text/plain");

        var (exitCode, output) = await ExternalTool.RunAsync(promtool, "check metrics", text, TimeSpan.FromSeconds(30));

        // Exit code 1 is a parse error; 3 is only its style lint, which foreign meters without help texts trip.
        exitCode.Should().BeOneOf([0, 3], $"promtool check metrics said:\n{output}\nfor:\n{text}");
        output.Should().NotContain("error").And.NotContain("should not have", "reserved label names of foreign tags are renamed exported_*");
    }

    [Fact]
    public async Task ReferenceParser_AcceptsTheOpenMetricsOutput()
    {
        var body = await ScrapeAsync("application/openmetrics-text; version=1.0.0");

        var (exitCode, output) = await OpenMetricsReferenceParser.ParseAsync(body);

        exitCode.Should().Be(0, $"the reference parser said:\n{output}\nfor:\n{body}");
        body.Should().Contain("exported_le=\"x\"").And.Contain("otel_scope_name=");
    }

    [Fact]
    public async Task ReferenceParser_RejectsAHostileBodyOfTheOldKind()
    {
        // Proves the check above can fail: the bodies main wrote before these fixes are refused.
        var (duplicateLe, _) = await OpenMetricsReferenceParser.ParseAsync("# TYPE d histogram\nd_bucket{le=\"x\",le=\"+Inf\"} 1\nd_sum 1\nd_count 1\n# EOF\n");
        var (negativeSum, _) = await OpenMetricsReferenceParser.ParseAsync("# TYPE d histogram\nd_bucket{le=\"+Inf\"} 1\nd_sum -5\nd_count 1\n# EOF\n");

        duplicateLe.Should().NotBe(0);
        negativeSum.Should().NotBe(0);
    }

    [Fact]
    public async Task Prometheus_ScrapesTheHostileAppAndFindsTheTargetUp()
    {
        await using var prometheus = await PrometheusServer.StartAsync("hostile", $"127.0.0.1:{_port}", "/metrics");

        var (health, lastError, _) = await prometheus.WaitForFirstScrapeAsync(TimeSpan.FromSeconds(30));

        lastError.Should().BeEmpty();
        health.Should().Be("up");
        (await prometheus.QueryUntilPresentAsync("hostile_shared_total", TimeSpan.FromSeconds(15)))
            .Select(r => r.Value).Should().BeEquivalentTo([1.0, 2.0], "both meters' series are kept, apart by otel_scope_name");
        (await prometheus.QueryAsync("hostile_latency_seconds_bucket{exported_le=\"x\",le=\"+Inf\"}")).Should().ContainSingle().Which.Value.Should().Be(1);
        (await prometheus.QueryUntilPresentAsync("metrics_series_dropped_total{metric=\"hostile_bad\",reason=\"invalid_value\"}", TimeSpan.FromSeconds(15)))
            .Should().ContainSingle().Which.Value.Should().BeGreaterThan(0);
    }

    private void RecordHostileMeasurements()
    {
        var meter = NewMeter(_meterName);
        var other = NewMeter(_meterName + ".Other");

        meter.CreateHistogram<double>("hostile.latency", "s").Record(0.2, new KeyValuePair<string, object?>("le", "x"));
        meter.CreateObservableGauge("hostile.level", () => new Measurement<double>(double.PositiveInfinity, new KeyValuePair<string, object?>("quantile", "0.5")));
        meter.CreateObservableGauge("hostile.ratio", () => double.NaN);

        var requests = meter.CreateCounter<long>("hostile.requests");
        requests.Add(1, new KeyValuePair<string, object?>("a.b", "v"));
        requests.Add(2, new KeyValuePair<string, object?>("a_b", "v"));
        requests.Add(3, new KeyValuePair<string, object?>("__reserved", "v"), new KeyValuePair<string, object?>("9digit", "v"));

        var bad = meter.CreateCounter<double>("hostile.bad");
        bad.Add(-5, new KeyValuePair<string, object?>("k", "negative"));
        bad.Add(double.NaN, new KeyValuePair<string, object?>("k", "nan"));
        bad.Add(1, new KeyValuePair<string, object?>("k", "good"));

        meter.CreateCounter<long>("hostile.shared").Add(1);
        other.CreateCounter<long>("hostile.shared").Add(2);
        meter.CreateCounter<long>("hostile.ours").Add(7);
        meter.CreateCounter<long>("hostile.clash").Add(1);
        other.CreateObservableGauge("hostile.clash", () => 5.0);
        meter.CreateHistogram<double>("hostile.signed").Record(-2);
        meter.CreateCounter<long>("hostile.text").Add(1, new KeyValuePair<string, object?>("value", "quote \" backslash \\ newline \n # EOF 🙂"));
    }

    private Meter NewMeter(string name)
    {
        var meter = new Meter(name);
        _meters.Add(meter);
        return meter;
    }

    private async Task<string> ScrapeAsync(string accept)
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"http://127.0.0.1:{_port}/metrics"));
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(accept));
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }
}
