using Instrumentation.AspNetCore.HttpMetrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Options;

namespace Instrumentation.AspNetCore.Tests.HttpMetrics;

[Collection(nameof(SharedHttpServerMeter))]
public sealed class HttpMetricsApplicationBuilderExtensionsTests
{
    private const string Duration = "http_server_request_duration_seconds_count{";

    [Fact]
    public async Task UseHttpMetrics_ByDefault_DoesNotCountMetricsScrapesOrHealthChecksInRequestDuration()
    {
        await using var app = await HttpMetricsApp.StartAsync();
        await app.Client.GetStringAsync("/metrics");
        await app.Client.GetStringAsync("/healthz");
        await app.Client.GetStringAsync("/fruit/apple");

        var lines = await app.LinesAsync(Duration);

        lines.Should().ContainSingle(l => l.Contains("http_route=\"/fruit/{name}\"", StringComparison.Ordinal) && l.EndsWith(" 1", StringComparison.Ordinal));
        lines.Should().NotContain(l => l.Contains("/metrics", StringComparison.Ordinal) || l.Contains("/healthz", StringComparison.Ordinal));
        (await app.LinesAsync("http_response_size_bytes_count{")).Should().NotContain(l => l.Contains("/healthz", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UseHttpMetrics_WithDefaultPathsOff_CountsTheHealthCheck()
    {
        await using var app = await HttpMetricsApp.StartAsync(o => o.ExcludeDefaultPaths = false);
        await app.Client.GetStringAsync("/healthz");

        (await app.LinesAsync(Duration)).Should().ContainSingle(l => l.Contains("http_route=\"/healthz\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UseHttpMetrics_ExcludedPathsFromConfiguration_AreNotRecorded()
    {
        await using var app = await HttpMetricsApp.StartAsync(null, ("Metrics:Http:ExcludedPaths:0", "/INTERNAL/*"));
        await app.Client.GetStringAsync("/internal/state");
        await app.Client.GetStringAsync("/fruit/pear");

        var lines = await app.LinesAsync(Duration);

        lines.Should().NotContain(l => l.Contains("/internal", StringComparison.Ordinal));
        lines.Should().Contain(l => l.Contains("/fruit/{name}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UseHttpMetrics_UnmatchedRoute_IsRecordedUnderRouteUnmatched()
    {
        await using var app = await HttpMetricsApp.StartAsync();
        (await app.Client.GetAsync("/no/such/page")).StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
        (await app.Client.GetAsync("/another/missing")).StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);

        var lines = await app.LinesAsync(Duration);

        lines.Should().ContainSingle(l => l.Contains("http_route=\"unmatched\"", StringComparison.Ordinal)
            && l.Contains("http_response_status_code=\"404\"", StringComparison.Ordinal) && l.EndsWith(" 2", StringComparison.Ordinal));
        lines.Should().NotContain(l => l.Contains("/no/such/page", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UseHttpMetrics_WithUnmatchedGroupingOff_LeavesTheRouteOutAsAspNetCoreDoes()
    {
        await using var app = await HttpMetricsApp.StartAsync(o => o.GroupUnmatchedRoutes = false);
        await app.Client.GetAsync("/no/such/page");

        var lines = await app.LinesAsync(Duration);

        lines.Should().ContainSingle(l => l.Contains("http_response_status_code=\"404\"", StringComparison.Ordinal))
            .Which.Should().NotContain("http_route").And.Contain("aspnetcore_request_is_unhandled=\"true\"");
    }

    [Fact]
    public async Task UseHttpMetrics_WithGroupStatusCodes_LabelsSizesByStatusClass()
    {
        await using var app = await HttpMetricsApp.StartAsync(null, ("Metrics:Http:GroupStatusCodes", "true"));
        await app.Client.GetAsync("/fruit/apple");
        await app.Client.GetAsync("/fruit/rotten");
        await app.Client.GetAsync("/missing");

        var lines = await app.LinesAsync("http_response_size_bytes_count{");

        lines.Should().BeEquivalentTo(
            "http_response_size_bytes_count{method=\"GET\",route=\"/fruit/{name}\",status=\"2xx\"} 1",
            "http_response_size_bytes_count{method=\"GET\",route=\"/fruit/{name}\",status=\"5xx\"} 1",
            "http_response_size_bytes_count{method=\"GET\",route=\"unmatched\",status=\"4xx\"} 1");
    }

    [Fact]
    public async Task UseHttpMetrics_RecordsRequestAndResponseBodySizesByMethodRouteAndStatus()
    {
        await using var app = await HttpMetricsApp.StartAsync();
        using var content = new StringContent(new string('a', 1234));
        (await app.Client.PostAsync("/echo", content)).EnsureSuccessStatusCode();

        (await app.LinesAsync("http_request_size_bytes_sum{")).Should().Equal("http_request_size_bytes_sum{method=\"POST\",route=\"/echo\",status=\"200\"} 1234");
        (await app.LinesAsync("http_response_size_bytes_sum{")).Should().Equal("http_response_size_bytes_sum{method=\"POST\",route=\"/echo\",status=\"200\"} 1235");
        (await app.LinesAsync("http_request_size_bytes_bucket{")).Should().Contain(
            "http_request_size_bytes_bucket{method=\"POST\",route=\"/echo\",status=\"200\",le=\"10000\"} 1");
    }

    [Fact]
    public async Task UseHttpMetrics_WithSizesOff_RecordsNoSizeHistograms()
    {
        await using var app = await HttpMetricsApp.StartAsync(o => o.Sizes = false);
        await app.Client.GetAsync("/fruit/apple");

        (await app.LinesAsync("http_re")).Should().BeEmpty();
    }

    [Fact]
    public async Task Metrics_ExportAspNetCoreActiveRequests()
    {
        await using var app = await HttpMetricsApp.StartAsync();
        await app.Client.GetAsync("/fruit/apple");

        // The scrape itself is the one request in progress.
        (await app.LinesAsync("http_server_active_requests{")).Should().Contain(
            "http_server_active_requests{http_request_method=\"GET\",url_scheme=\"http\"} 1");
    }

    [Fact]
    public async Task UseHttpMetrics_WithPatternNotStartingWithSlash_FailsNamingTheKey()
    {
        var start = () => HttpMetricsApp.StartAsync(null, ("Metrics:Http:ExcludedPaths:0", "internal"));

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message
            .Should().Contain("Metrics:Http:ExcludedPaths:0 'internal' must start with '/'");
    }

    [Fact]
    public void UseHttpMetrics_WithoutAddMetrics_ThrowsNamingIt()
    {
        var app = WebApplication.CreateBuilder().Build();

        var use = () => app.UseHttpMetrics();

        use.Should().Throw<InvalidOperationException>().WithMessage("*builder.AddMetrics()*");
    }
}
