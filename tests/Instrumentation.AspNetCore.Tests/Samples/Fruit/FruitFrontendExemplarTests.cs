using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using OpenTelemetry.Trace;

namespace Instrumentation.AspNetCore.Tests.Samples.Fruit;

/// <summary>
/// The fruit frontend traces its requests through OpenTelemetry.Instrumentation.AspNetCore, so its OpenMetrics
/// scrape carries exemplars that point at the very traces OpenTelemetry recorded (here into its in-memory exporter).
/// </summary>
public sealed partial class FruitFrontendExemplarTests : IDisposable
{
    private readonly FruitTestDatabase _database = new();
    private readonly List<Activity> _traces = [];
    private readonly FruitFrontendFactory _factory;

    public FruitFrontendExemplarTests()
    {
        _factory = new FruitFrontendFactory(_database.Path);
    }

    public void Dispose()
    {
        _factory.Dispose();
        _database.Dispose();
    }

    [Fact]
    public async Task OpenMetricsScrape_AfterTracedRequests_CarriesExemplarsOfTheRecordedTraces()
    {
        using var app = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_traces))));
        using var client = app.CreateClient();
        var sent = new[] { ActivityTraceId.CreateRandom(), ActivityTraceId.CreateRandom() };
        foreach (var traceId in sent)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/hello");
            request.Headers.Add("traceparent", $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
            (await client.SendAsync(request)).EnsureSuccessStatusCode();
        }

        // The in-memory exporter hears ASP.NET Core's process-wide activity source, so the spans of other tests' apps
        // running meanwhile arrive too: only the traces sent here count.
        var sentIds = sent.Select(t => t.ToHexString()).ToHashSet();
        (await Eventually.TrueAsync(() => RecordedSpans(sentIds).Count == sent.Length, TimeSpan.FromSeconds(10)))
            .Should().BeTrue("OpenTelemetry records one server span per request, continuing the trace its traceparent header named");
        var spans = RecordedSpans(sentIds);

        using var scrape = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        scrape.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse("application/openmetrics-text; version=1.0.0"));
        var body = await (await client.SendAsync(scrape)).Content.ReadAsStringAsync();

        var counter = Exemplars(body, "hello_total").Should().ContainSingle("the counter keeps one exemplar").Subject;
        spans.Should().Contain(counter.TraceId, counter.SpanId, "the counter's exemplar is the span of a request that counted");

        var latency = Exemplars(body, "http_latency_bucket{method=\"GET\",route=\"/hello\",status_code=\"200\",endpoint=\"/hello\"");
        latency.Should().NotBeEmpty("the timed endpoint's histogram buckets carry exemplars");
        latency.Should().OnlyContain(e => spans.ContainsKey(e.TraceId) && spans[e.TraceId] == e.SpanId);

        var hosting = Exemplars(body, "http_server_request_duration_seconds_bucket{");
        hosting.Should().NotBeEmpty("ASP.NET Core's request duration, read through the app's MeterProvider, carries exemplars too");
        hosting.Should().OnlyContain(e => spans.ContainsKey(e.TraceId) && spans[e.TraceId] == e.SpanId);
        body.Split('\n').Count(l => l.StartsWith("# TYPE http_server_request_duration_seconds ", StringComparison.Ordinal))
            .Should().Be(1, "AddAspNetCoreInstrumentation() and AddMetrics() both name ASP.NET Core's meter, which one provider aggregates once");
    }

    /// <summary>The server span of each traced request to /hello in one of <paramref name="traceIds"/>: trace id to span id.</summary>
    private Dictionary<string, string> RecordedSpans(HashSet<string> traceIds)
    {
        lock (_traces)
        {
            return _traces
                .Where(a => a.Kind == ActivityKind.Server && (a.GetTagItem("url.path") as string) == "/hello" && traceIds.Contains(a.TraceId.ToHexString()))
                .ToDictionary(a => a.TraceId.ToHexString(), a => a.SpanId.ToHexString());
        }
    }

    private static List<(string TraceId, string SpanId)> Exemplars(string openMetrics, string seriesPrefix) =>
        [.. openMetrics.Split('\n')
            .Where(l => l.StartsWith(seriesPrefix, StringComparison.Ordinal))
            .Select(l => ExemplarPattern().Match(l))
            .Where(m => m.Success)
            .Select(m => (m.Groups["trace"].Value, m.Groups["span"].Value))];

    [GeneratedRegex("""# \{trace_id="(?<trace>[0-9a-f]{32})",span_id="(?<span>[0-9a-f]{16})"\} """)]
    private static partial Regex ExemplarPattern();
}
