using Instrumentation.AspNetCore.Tests.HttpMetrics;
using Instrumentation.AspNetCore.Tests.TestSupport;
using static Instrumentation.AspNetCore.Tests.Samples.Handlers.HandlersEndToEndFixture;

namespace Instrumentation.AspNetCore.Tests.Samples.Handlers;

/// <summary>samples/Handlers on real Kestrel, scraped every second by a real Prometheus (see <see cref="HandlersEndToEndFixture"/>).</summary>
public sealed class HandlersEndToEndTests(HandlersEndToEndFixture fixture) : IClassFixture<HandlersEndToEndFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData("GET", "/instances", "200", InstanceReads)]
    [InlineData("PUT", "/instances", "200", InstanceChanges)]
    [InlineData("PUT", "/instances", "400", InvalidInstanceChanges)]
    [InlineData("POST", "/cache/purge", "200", Purges)]
    public async Task Prometheus_CountsAuthenticatedCallsPerHandler(string method, string route, string status, int calls)
    {
        var selector = $"job=\"handlers\",method=\"{method}\",route=\"{route}\",status_code=\"{status}\"";

        (await fixture.Prometheus.QueryUntilValueAsync($"sum(handler_calls_total{{{selector}}})", calls, Patience)).Should().Be(calls);
        (await fixture.Prometheus.QueryUntilValueAsync($"handler_duration_seconds_count{{{selector}}}", calls, Patience)).Should().Be(calls);
    }

    [Theory]
    [InlineData("GET", "/instances")]
    [InlineData("PUT", "/instances")]
    [InlineData("POST", "/cache/purge")]
    public async Task Prometheus_HasTheSummaryQuantilesPerHandler(string method, string route)
    {
        var quantiles = await fixture.Prometheus.QueryUntilPresentAsync(
            $"handler_duration_seconds{{job=\"handlers\",method=\"{method}\",route=\"{route}\",status_code=\"200\"}}", Patience);

        quantiles.Select(r => r.Labels["quantile"]).Should().BeEquivalentTo(["0.5", "0.9", "0.99"]);
        quantiles.Should().OnlyContain(r => double.IsFinite(r.Value) && r.Value > 0);
    }

    [Fact]
    public async Task Prometheus_SeesRefusedRequestsOnlyInTheServerMetric()
    {
        (await fixture.Prometheus.QueryUntilValueAsync(
            "sum(http_server_request_duration_seconds_count{job=\"handlers\",http_response_status_code=\"401\"})", Refused, Patience))
            .Should().Be(Refused);
        (await fixture.Prometheus.QueryAsync("handler_calls_total{status_code=\"401\"}")).Should().BeEmpty("a refused request never reaches a handler");
    }

    [Fact]
    public async Task EveryDashboardQuery_ReturnsData()
    {
        using var dashboard = GrafanaDashboard.Load(RepositoryPaths.Of("samples", "Handlers", "grafana", "handlers-dashboard.json"));

        await fixture.Prometheus.ShouldAnswerEveryQueryOfAsync(dashboard, Patience);
    }
}
