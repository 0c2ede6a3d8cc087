using Instrumentation.AspNetCore.Tests.TestSupport;
using Instrumentation.Exposition;
using Instrumentation.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Instrumentation.AspNetCore.Tests.EndpointMetrics;

/// <summary>
/// An endpoint keeps the series of the method and status pairs it answers with, so a call skips the label lookup;
/// what it keeps must never outlive the series (idle expiry) nor hide calls sent to the overflow series.
/// </summary>
public sealed class EndpointMetricsKeptSeriesTests
{
    [Fact]
    public async Task TimedAndCounted_AfterTheirSeriesExpired_RecordIntoNewSeriesThatAreExported()
    {
        var clock = new ManualTimeProvider();
        await using var app = await EndpointMetricsApp.StartAsync(
            a => a.MapGet("/fruit", [Timed("fruit_seconds", "Fruit")] [Counted("fruit_calls", "Fruit calls")] () => "ok"),
            b =>
            {
                b.Configuration["Metrics:SeriesIdleTimeout"] = "00:05:00";
                b.Services.AddSingleton<TimeProvider>(clock);
            });
        using var client = app.GetTestClient();
        var metrics = app.Services.GetRequiredService<MetricFactory>();
        await client.GetStringAsync("/fruit");
        await client.GetStringAsync("/fruit");
        metrics.GetHistogram("fruit_seconds", "GET", "/fruit", "200").Count.Should().Be(2);

        clock.Advance(TimeSpan.FromMinutes(5));
        metrics.ExpositionOf(ExpositionFormat.PrometheusText).Should().NotContain("fruit_seconds_count", "the idle series were removed");
        await client.GetStringAsync("/fruit");

        metrics.GetHistogram("fruit_seconds", "GET", "/fruit", "200").Count.Should().Be(1);
        metrics.GetValue("fruit_calls_total", "GET", "/fruit", "200", CountedAttribute.Success, CountedAttribute.NoException).Should().Be(1);
    }

    [Fact]
    public async Task Timed_PastTheCardinalityLimit_CountsEveryCallSentToTheOverflowSeries()
    {
        await using var app = await StartWithOneSeriesAllowedAsync([Timed("status_seconds", "Status")] (int code) => Results.StatusCode(code));

        var metrics = app.Services.GetRequiredService<MetricFactory>();
        metrics.GetHistogram("status_seconds", "", "", "", "true").Count.Should().Be(3);
        metrics.GetValue("metrics_series_overflow_total", "status_seconds").Should().Be(3);
    }

    [Fact]
    public async Task Timed_EndpointAnsweringWithManyStatusCodes_RecordsEachUnderItsOwnStatus()
    {
        // More method and status pairs than an endpoint keeps: the rest go through the label lookup.
        await using var app = await EndpointMetricsApp.StartAsync(
            a => a.MapMethods("/status/{code:int}", ["GET", "POST"], [Timed("status_seconds", "Status")] (int code) => Results.StatusCode(code)));
        using var client = app.GetTestClient();
        int[] codes = [200, 201, 202, 204, 301, 302, 400, 401, 403, 404, 409, 500, 503];
        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Post })
        {
            for (var round = 1; round <= 3; round++)
            {
                foreach (var code in codes)
                {
                    using var request = new HttpRequestMessage(method, $"/status/{code}");
                    await client.SendAsync(request);
                }
            }
        }

        var metrics = app.Services.GetRequiredService<MetricFactory>();
        foreach (var method in new[] { "GET", "POST" })
        {
            foreach (var code in codes)
            {
                metrics.GetHistogram("status_seconds", method, "/status/{code:int}", code.ToString(System.Globalization.CultureInfo.InvariantCulture)).Count.Should().Be(3, $"{method} {code}");
            }
        }
    }

    [Fact]
    public async Task Counted_PastTheCardinalityLimit_CountsEveryCallSentToTheOverflowSeries()
    {
        await using var app = await StartWithOneSeriesAllowedAsync([Counted("status_calls", "Status calls")] (int code) => Results.StatusCode(code));

        app.Services.GetRequiredService<MetricFactory>().GetValue("metrics_series_overflow_total", "status_calls").Should().Be(3);
    }

    [Fact]
    public async Task Counted_FailuresOnly_CalledAgainAndAgain_CountsEveryFailureAndNoSuccess()
    {
        await using var app = await EndpointMetricsApp.StartAsync(a =>
        {
            a.MapGet("/fail", [Counted(FailuresOnly = true)] () => Results.StatusCode(503));
            a.MapGet("/fine", [Counted(FailuresOnly = true)] () => "ok");
        });
        using var client = app.GetTestClient();

        for (var i = 0; i < 3; i++)
        {
            await client.GetAsync("/fail");
            await client.GetAsync("/fine");
        }

        var metrics = app.Services.GetRequiredService<MetricFactory>();
        metrics.GetValue(CountedAttribute.DefaultEndpointName, "GET", "/fail", "503", CountedAttribute.Failure, CountedAttribute.NoException).Should().Be(3);
        ((Instruments.Counter)metrics.Find(CountedAttribute.DefaultEndpointName)!).SeriesCount.Should().Be(1);
    }

    /// <summary>An app whose metrics allow one series each, after a call answered 200 and three answered 404 (overflowed).</summary>
    private static async Task<WebApplication> StartWithOneSeriesAllowedAsync(Delegate handler)
    {
        var app = await EndpointMetricsApp.StartAsync(
            a => a.MapGet("/status/{code:int}", handler),
            b => b.Configuration["Metrics:CardinalityLimit"] = "1");
        using var client = app.GetTestClient();
        await client.GetAsync("/status/200");
        for (var i = 0; i < 3; i++)
        {
            await client.GetAsync("/status/404");
        }

        return app;
    }
}
