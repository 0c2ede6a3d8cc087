using Instrumentation.AspNetCore.Tests.TestSupport;
using Instrumentation.Push;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Instrumentation.AspNetCore.Tests.Push;

public sealed class PushHostingTests
{
    [Fact]
    public async Task AddPushgateway_FromConfiguration_PushesOnIntervalAndOnceMoreAtShutdown()
    {
        await using var gateway = await PushgatewayServer.StartAsync();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Metrics:Push:Pushgateway:Url"] = $"http://127.0.0.1:{gateway.Port}",
            ["Metrics:Push:Pushgateway:Job"] = "worker",
            ["Metrics:Push:Pushgateway:Interval"] = "00:00:00.200",
            ["Metrics:Push:Pushgateway:GroupingLabels:instance"] = "w1",
        });
        builder.AddPushgateway(o => o.BufferCapacity = 5);
        using var host = builder.Build();
        var jobs = host.Services.GetRequiredService<MetricFactory>().CreateCounter("jobs", "Jobs");
        host.Services.GetRequiredService<IOptions<PushgatewayOptions>>().Value.BufferCapacity.Should().Be(5);

        await host.StartAsync();
        jobs.Inc();
        await WaitForLineAsync(gateway, "jobs_total{instance=\"w1\",job=\"worker\"} 1");

        jobs.Inc(41);
        await host.StopAsync();

        (await gateway.Http.GetStringAsync("/metrics")).Split('\n').Should().Contain("jobs_total{instance=\"w1\",job=\"worker\"} 42");
    }

    [Fact]
    public async Task AddPushgateway_WithLongInterval_StillPushesOnceAtShutdown()
    {
        await using var gateway = await PushgatewayServer.StartAsync();
        var builder = Host.CreateApplicationBuilder();
        builder.AddPushgateway(o =>
        {
            o.Url = $"http://127.0.0.1:{gateway.Port}";
            o.Job = "batch";
            o.Interval = TimeSpan.FromHours(1);
        });
        using var host = builder.Build();
        var rows = host.Services.GetRequiredService<MetricFactory>().CreateCounter("rows", "Rows");

        await host.StartAsync();
        rows.Inc(7);
        (await gateway.Http.GetStringAsync("/metrics")).Should().NotContain("rows_total");
        await host.StopAsync();

        (await gateway.Http.GetStringAsync("/metrics")).Split('\n').Should().Contain("rows_total{instance=\"\",job=\"batch\"} 7");
    }

    [Fact]
    public async Task StopAsync_WithOneTargetHung_StillDeliversTheOtherTargetsFinalPush()
    {
        await using var gateway = await PushgatewayServer.StartAsync();
        using var hung = new HungTcpServer();
        var builder = Host.CreateApplicationBuilder();
        builder.Services.Configure<HostOptions>(static o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.AddPushgateway(o =>
        {
            o.Url = $"http://127.0.0.1:{gateway.Port}";
            o.Job = "batch";
            o.Interval = TimeSpan.FromHours(1);
        });

        // Registered last, so the host stops it first; one attempt alone outlasts the whole shutdown budget.
        builder.AddInfluxDbPush(o =>
        {
            o.Url = $"http://127.0.0.1:{hung.Port}";
            o.Database = "app";
            o.Interval = TimeSpan.FromHours(1);
            o.Timeout = TimeSpan.FromMinutes(1);
        });
        using var host = builder.Build();
        var rows = host.Services.GetRequiredService<MetricFactory>().CreateCounter("rows", "Rows");

        await host.StartAsync();
        rows.Inc(7);
        await host.StopAsync();

        (await gateway.Http.GetStringAsync("/metrics")).Split('\n').Should().Contain("rows_total{instance=\"\",job=\"batch\"} 7");
        hung.Connections.Should().BeGreaterThan(0, "the InfluxDB push was made and hung");
        host.Services.GetRequiredService<InfluxDbPusher>().PendingSnapshots.Should().Be(1, "the hung target's snapshot was not delivered");
    }

    [Fact]
    public async Task AddInfluxDbPush_WithInvalidOptions_FailsAtStartNamingTheOption()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Metrics:Push:InfluxDb:Url"] = "http://127.0.0.1:8086",
            ["Metrics:Push:InfluxDb:Version"] = "V2",
            ["Metrics:Push:InfluxDb:Org"] = "acme",
        });
        builder.AddInfluxDbPush();
        using var host = builder.Build();

        var start = () => host.StartAsync();

        (await start.Should().ThrowAsync<OptionsValidationException>())
            .Which.Message.Should().Contain("Metrics:Push:InfluxDb:Bucket").And.Contain("Metrics:Push:InfluxDb:Token");
    }

    [Fact]
    public void AddPushgateway_Twice_RegistersOnePusherAndOneHostedService()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddPushgateway(o => o.Job = "a");
        builder.AddPushgateway(o => o.Url = "http://127.0.0.1:9091");

        builder.Services.Count(static d => d.ServiceType == typeof(PushgatewayPusher)).Should().Be(1);
        builder.Services.Count(static d => d.ServiceType == typeof(IHostedService) && d.ImplementationFactory is not null).Should().Be(1);
    }

    private static async Task WaitForLineAsync(LocalServerProcess gateway, string line)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!(await gateway.Http.GetStringAsync("/metrics")).Split('\n').Contains(line))
        {
            DateTime.UtcNow.Should().BeBefore(deadline, $"the gateway should show {line}");
            await Task.Delay(100);
        }
    }
}
