using Microsoft.Extensions.DependencyInjection;

namespace Instrumentation.AspNetCore.Tests.HttpMetrics;

/// <summary>
/// The size histograms keep the series of the route, method and status triples they see, so a request skips two
/// label lookups; what they keep must never outlive the series (idle expiry) nor hide requests sent to the overflow series.
/// </summary>
public sealed class HttpMetricsKeptSeriesTests
{
    [Fact]
    public async Task Sizes_AfterTheirSeriesExpired_RecordIntoNewSeriesThatAreExported()
    {
        var clock = new ManualTimeProvider();
        await using var app = await HttpMetricsApp.StartAsync(
            configure: null,
            configureBuilder: b => b.Services.AddSingleton<TimeProvider>(clock),
            ("Metrics:SeriesIdleTimeout", "00:05:00"));
        await app.Client.GetStringAsync("/fruit/apple");
        await app.Client.GetStringAsync("/fruit/pear");
        (await app.LinesAsync("http_response_size_bytes_count{")).Should().Equal(
            "http_response_size_bytes_count{method=\"GET\",route=\"/fruit/{name}\",status=\"200\"} 2");

        clock.Advance(TimeSpan.FromMinutes(5));
        (await app.LinesAsync("http_response_size_bytes_count{")).Should().BeEmpty("the idle series were removed");
        await app.Client.GetStringAsync("/fruit/plum");

        (await app.LinesAsync("http_response_size_bytes_count{")).Should().Equal(
            "http_response_size_bytes_count{method=\"GET\",route=\"/fruit/{name}\",status=\"200\"} 1");
        (await app.LinesAsync("http_request_size_bytes_count{")).Should().Equal(
            "http_request_size_bytes_count{method=\"GET\",route=\"/fruit/{name}\",status=\"200\"} 1");
    }

    [Fact]
    public async Task Sizes_PastTheCardinalityLimit_CountEveryRequestSentToTheOverflowSeries()
    {
        await using var app = await HttpMetricsApp.StartAsync(configure: null, ("Metrics:CardinalityLimit", "1"));
        await app.Client.GetAsync("/status/200");
        for (var i = 0; i < 3; i++)
        {
            await app.Client.GetAsync("/status/404");
        }

        (await app.LinesAsync("http_response_size_bytes_count{")).Should().Contain(
            "http_response_size_bytes_count{method=\"\",route=\"\",status=\"\",otel_metric_overflow=\"true\"} 3");
        (await app.LinesAsync("metrics_series_overflow_total{metric=\"http_response_size_bytes\"")).Should().Equal(
            "metrics_series_overflow_total{metric=\"http_response_size_bytes\"} 3");
    }

    [Fact]
    public async Task Sizes_WithGroupStatusCodes_AddUpTheCodesOfAClassOverRepeatedRequests()
    {
        // Kept by exact code, recorded under the class: 200 and 201 land in one 2xx series.
        await using var app = await HttpMetricsApp.StartAsync(null, ("Metrics:Http:GroupStatusCodes", "true"));
        for (var i = 0; i < 2; i++)
        {
            await app.Client.GetAsync("/status/200");
            await app.Client.GetAsync("/status/201");
        }

        (await app.LinesAsync("http_response_size_bytes_count{")).Should().Equal(
            "http_response_size_bytes_count{method=\"GET\",route=\"/status/{code:int}\",status=\"2xx\"} 4");
    }
}
