using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Hosting;

namespace Instrumentation.AspNetCore.Tests.DefaultMetrics;

public sealed class DefaultMetricsEndpointTests
{
    [Fact]
    public async Task Metrics_ByDefault_ServeProcessMetricsDotnetInfoAndRuntimeCountersAsCounters()
    {
        var body = await ScrapeAsync();

        body.Should().Contain("# TYPE dotnet_gc_collections_total counter");
        body.Should().MatchRegex(@"(?m)^dotnet_gc_collections_total\{gc_heap_generation=""gen0""\} \d+");
        body.Should().Contain($"dotnet_info{{version=\"{Environment.Version}\"}} 1");
        body.Should().Contain("# TYPE process_cpu_seconds_total counter");
        body.Should().MatchRegex(@"(?m)^process_resident_memory_bytes [1-9]");
        body.Should().MatchRegex(@"(?m)^process_start_time_seconds \d");
        if (OperatingSystem.IsLinux())
        {
            body.Should().MatchRegex(@"(?m)^process_open_fds [1-9]").And.MatchRegex(@"(?m)^process_threads [1-9]");
        }
    }

    [Fact]
    public async Task RuntimeSwitchOff_RemovesTheRuntimeMeterAndDotnetInfoButKeepsProcess()
    {
        var body = await ScrapeAsync(("Metrics:DefaultMetrics:Runtime", "false"));

        body.Should().NotContain("dotnet_gc_collections").And.NotContain("dotnet_info");
        body.Should().Contain("process_cpu_seconds_total");
    }

    [Fact]
    public async Task ProcessSwitchOff_RemovesProcessMetricsButKeepsRuntime()
    {
        var body = await ScrapeAsync(("Metrics:DefaultMetrics:Process", "false"));

        body.Should().NotMatchRegex(@"(?m)^(# (TYPE|HELP) )?process_");
        body.Should().Contain("dotnet_gc_collections_total").And.Contain("dotnet_info");
    }

    private static async Task<string> ScrapeAsync(params (string Key, string Value)[] settings)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        foreach (var (key, value) in settings)
        {
            builder.Configuration[key] = value;
        }

        builder.AddMetrics();
        await using var app = builder.Build();
        app.MapMetrics();
        await app.StartAsync();
        GC.Collect(0);
        using var client = app.GetTestClient();
        var body = await client.GetStringAsync("/metrics");
        await app.StopAsync();
        return body;
    }
}
