using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.TestHost;
using OpenTelemetry.Trace;
using static Instrumentation.AspNetCore.Tests.Samples.Login.LoginClient;

namespace Instrumentation.AspNetCore.Tests.Samples.Login;

/// <summary>The Login sample traces its requests, so its OpenMetrics scrape points at the traces of the logins it counted.</summary>
public sealed partial class LoginExemplarTests
{
    [Fact]
    public async Task OpenMetricsScrape_AfterALogin_CarriesExemplarsOfItsTrace()
    {
        var traces = new List<Activity>();
        await using var factory = new LoginAppFactory();
        using var app = factory.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(traces))));
        using var client = app.CreateClient();
        (await RegisterAsync(client, "ann", "correct horse")).EnsureSuccessStatusCode();
        var sent = ActivityTraceId.CreateRandom();
        (await LoginAsync(client, "ann", "correct horse", sent)).EnsureSuccessStatusCode();

        // The in-memory exporter hears ASP.NET Core's process-wide activity source: other tests' logins arrive too.
        (await Eventually.TrueAsync(() => LoginSpans(traces, sent).Count == 1, TimeSpan.FromSeconds(10))).Should().BeTrue("OpenTelemetry records the login's server span");
        var (traceId, spanId) = LoginSpans(traces, sent)[0];
        using var scrape = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        scrape.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse("application/openmetrics-text; version=1.0.0"));
        var lines = (await (await client.SendAsync(scrape)).Content.ReadAsStringAsync()).Split('\n');

        lines.Should().ContainSingle(l => l.StartsWith("successful_login_details_total ", StringComparison.Ordinal))
            .Which.Should().Contain($"# {{trace_id=\"{traceId}\",span_id=\"{spanId}\"}} 1");
        lines.Where(l => l.StartsWith("http_server_request_duration_seconds_bucket{", StringComparison.Ordinal) && l.Contains("http_route=\"/auth/login\"", StringComparison.Ordinal))
            .Select(l => ExemplarTrace().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value)
            .Should().ContainSingle("one login, one exemplar on the bucket it fell in").Which.Should().Be(traceId);
    }

    private static List<(string TraceId, string SpanId)> LoginSpans(List<Activity> traces, ActivityTraceId traceId)
    {
        lock (traces)
        {
            return [.. traces.Where(a => a.Kind == ActivityKind.Server && (a.GetTagItem("url.path") as string) == "/auth/login" && a.TraceId == traceId)
                .Select(a => (a.TraceId.ToHexString(), a.SpanId.ToHexString()))];
        }
    }

    [GeneratedRegex("""# \{trace_id="([0-9a-f]{32})",span_id="[0-9a-f]{16}"\} """)]
    private static partial Regex ExemplarTrace();
}
