using Instrumentation.AspNetCore.HttpMetrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Options;

namespace Instrumentation.AspNetCore.Tests.HttpMetrics;

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
    public async Task UseHttpMetrics_WithGroupStatusCodes_GroupsTheRequestDurationStatusAndAddsUpItsSeries()
    {
        await using var app = await HttpMetricsApp.StartAsync(o => o.GroupStatusCodes = true);
        foreach (var code in new[] { 200, 201, 204, 204, 404, 409, 500, 503, 503 })
        {
            ((int)(await app.Client.GetAsync($"/status/{code}")).StatusCode).Should().Be(code);
        }

        var counts = await app.LinesAsync("http_server_request_duration_seconds_count{");
        var infBuckets = await app.LinesAsync("http_server_request_duration_seconds_bucket{");

        counts.Should().HaveCount(3).And.AllSatisfy(l => l.Should().Contain("http_route=\"/status/{code:int}\""));
        counts.Should().ContainSingle(l => l.Contains("http_response_status_code=\"2xx\"", StringComparison.Ordinal)).Which.Should().EndWith(" 4");
        counts.Should().ContainSingle(l => l.Contains("http_response_status_code=\"4xx\"", StringComparison.Ordinal)).Which.Should().EndWith(" 2");
        counts.Should().ContainSingle(l => l.Contains("http_response_status_code=\"5xx\"", StringComparison.Ordinal)).Which.Should().EndWith(" 3");
        infBuckets.Where(l => l.Contains("le=\"+Inf\"", StringComparison.Ordinal)).Select(l => l[(l.LastIndexOf(' ') + 1)..])
            .Should().BeEquivalentTo(["4", "2", "3"], "each bucket is the sum of the grouped series' buckets");
        (await app.LinesAsync("http_server_request_duration_seconds")).Should().NotContain(l => l.Contains("status_code=\"20", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UseHttpMetrics_WithoutGroupStatusCodes_KeepsTheExactStatusCodeOnRequestDuration()
    {
        await using var app = await HttpMetricsApp.StartAsync();
        foreach (var code in new[] { 200, 201, 201, 404 })
        {
            await app.Client.GetAsync($"/status/{code}");
        }

        var counts = await app.LinesAsync("http_server_request_duration_seconds_count{");

        counts.Select(l => (Status: l[(l.IndexOf("http_response_status_code=\"", StringComparison.Ordinal) + 27)..][..3], Count: l[(l.LastIndexOf(' ') + 1)..]))
            .Should().BeEquivalentTo([("200", "1"), ("201", "2"), ("404", "1")]);
    }

    [Fact]
    public async Task Metrics_TwoAppsInOneProcess_EachExportsOnlyItsOwnRequests()
    {
        await using var first = await HttpMetricsApp.StartAsync();
        await using var second = await HttpMetricsApp.StartAsync();
        await first.Client.GetAsync("/fruit/apple");
        await first.Client.GetAsync("/fruit/pear");
        await second.Client.GetAsync("/status/204");

        (await first.LinesAsync(Duration)).Should().ContainSingle()
            .Which.Should().Contain("http_route=\"/fruit/{name}\"").And.EndWith(" 2");
        (await second.LinesAsync(Duration)).Should().ContainSingle()
            .Which.Should().Contain("http_route=\"/status/{code:int}\"").And.EndWith(" 1");
        (await second.LinesAsync("http_server_active_requests{")).Should().Equal(
            ["http_server_active_requests{http_request_method=\"GET\",url_scheme=\"http\"} 1"], "only this app's own scrape is in progress here");
    }

    [Fact]
    public async Task Metrics_WhenAnotherAppInTheProcessStops_KeepsThisAppsRequests()
    {
        await using var survivor = await HttpMetricsApp.StartAsync();
        await survivor.Client.GetAsync("/fruit/apple");
        var other = await HttpMetricsApp.StartAsync();
        await other.Client.GetAsync("/status/204");
        await survivor.LinesAsync(Duration);

        await other.DisposeAsync();

        (await survivor.LinesAsync(Duration)).Should().ContainSingle()
            .Which.Should().Contain("http_route=\"/fruit/{name}\"").And.EndWith(" 1");
    }

    [Fact]
    public async Task Metrics_TwoAppsInOneProcess_BothExportTheProcessWideRuntimeMeter()
    {
        await using var first = await HttpMetricsApp.StartAsync();
        await using var second = await HttpMetricsApp.StartAsync();

        (await first.LinesAsync("dotnet_assembly_count")).Should().NotBeEmpty();
        (await second.LinesAsync("dotnet_assembly_count")).Should().NotBeEmpty();
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
