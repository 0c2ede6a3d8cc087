using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Instrumentation.AspNetCore.Tests.HttpMetrics;

/// <summary>
/// UseHttpMetrics() in an app that also uses OpenTelemetry.Instrumentation.AspNetCore for metrics and tracing: both
/// name ASP.NET Core's own meter, which the app's one MeterProvider aggregates once, and our options still shape it.
/// </summary>
public sealed class HttpMetricsWithOpenTelemetryTests
{
    [Fact]
    public async Task UseHttpMetrics_WithAspNetCoreInstrumentation_ShapesTheOneRequestDurationFamily()
    {
        var traces = new List<Activity>();
        await using var app = await HttpMetricsApp.StartAsync(
            o => o.GroupStatusCodes = true,
            builder => builder.Services.AddOpenTelemetry()
                .WithMetrics(metrics => metrics.AddAspNetCoreInstrumentation())
                .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation().AddInMemoryExporter(traces)));
        foreach (var path in new[] { "/status/200", "/status/201", "/status/404", "/no/such/page", "/healthz", "/metrics" })
        {
            await app.Client.GetAsync(path);
        }

        var family = await app.LinesAsync("# TYPE http_server_request_duration_seconds ");
        var counts = await app.LinesAsync("http_server_request_duration_seconds_count{");

        family.Should().ContainSingle("one provider aggregates ASP.NET Core's meter once, whoever added it");
        counts.Should().HaveCount(3).And.OnlyContain(l => !l.Contains("healthz", StringComparison.Ordinal) && !l.Contains("/metrics", StringComparison.Ordinal), "excluded paths are not recorded");
        counts.Should().ContainSingle(l => l.Contains("http_route=\"/status/{code:int}\"", StringComparison.Ordinal) && l.Contains("http_response_status_code=\"2xx\"", StringComparison.Ordinal))
            .Which.Should().EndWith(" 2", "status codes are grouped by class");
        counts.Should().ContainSingle(l => l.Contains("http_route=\"unmatched\"", StringComparison.Ordinal) && l.Contains("http_response_status_code=\"4xx\"", StringComparison.Ordinal))
            .Which.Should().EndWith(" 1", "a request no endpoint matched is labelled unmatched");
        (await Eventually.TrueAsync(() => { lock (traces) { return traces.Count(a => a.Kind == ActivityKind.Server) >= 6; } }, TimeSpan.FromSeconds(10)))
            .Should().BeTrue("tracing goes on as usual: every request is a server span");
    }
}
