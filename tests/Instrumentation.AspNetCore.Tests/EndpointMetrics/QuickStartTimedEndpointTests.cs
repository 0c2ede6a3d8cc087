using Instrumentation.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Instrumentation.AspNetCore.Tests.EndpointMetrics;

public sealed class QuickStartTimedEndpointTests(WebApplicationFactory<Program> sample) : IClassFixture<WebApplicationFactory<Program>>
{
    [Fact]
    public async Task FruitEndpoint_IsTimedIntoHttpLatency_ByRouteTemplate()
    {
        using var client = sample.CreateClient();
        var metrics = sample.Services.GetRequiredService<MetricFactory>();

        await client.GetAsync("/fruit/apple");
        await client.GetAsync("/fruit/cherry");
        await client.GetAsync("/fruit/durian");

        metrics.GetHistogram("http_latency", "GET", "/fruit/{name}", "200").Count.Should().Be(2);
        metrics.GetHistogram("http_latency", "GET", "/fruit/{name}", "404").Count.Should().Be(1);
        var body = await client.GetStringAsync("/metrics");
        body.Should().Contain("# HELP http_latency HTTP latency")
            .And.Contain("http_latency_count{method=\"GET\",route=\"/fruit/{name}\",status_code=\"200\"} 2");
    }
}
