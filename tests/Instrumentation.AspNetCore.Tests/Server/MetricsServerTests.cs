using System.Net;
using System.Net.Sockets;
using Instrumentation.AspNetCore.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Instrumentation.AspNetCore.Tests.Server;

public sealed class MetricsServerTests
{
    [Fact]
    public async Task AddMetricsServer_OnAWorkerHost_ServesMetricsOnItsOwnPort()
    {
        var port = FreePort.Next();
        var builder = Host.CreateApplicationBuilder();
        builder.AddMetricsServer(port);
        using var host = builder.Build();
        host.Services.GetRequiredService<MetricFactory>().CreateCounter("jobs_processed", "Jobs processed").Inc(3);
        await host.StartAsync();
        try
        {
            using var client = new HttpClient();

            var body = await client.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics"));

            body.Should().Contain("jobs_processed_total 3");
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task AddMetricsServer_ItsOwnRequests_AreNotExportedAsTheHostsHttpMetrics()
    {
        var port = FreePort.Next();
        var builder = Host.CreateApplicationBuilder();
        builder.AddMetricsServer(port);
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            using var client = new HttpClient();
            var url = new Uri($"http://127.0.0.1:{port}/metrics");
            await client.GetStringAsync(url);
            await client.GetStringAsync(url);

            var body = await client.GetStringAsync(url);

            body.Should().Contain("dotnet_assembly_count", "the process-wide runtime meter is still exported");
            body.Should().NotContain("http_server_request_duration_seconds", "the metrics server is a web application of its own, not the host's");
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task AddMetricsServer_ReadsItsPortFromConfiguration()
    {
        var port = FreePort.Next();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["Metrics:Server:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.AddMetricsServer();
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            using var client = new HttpClient();
            using var response = await client.GetAsync(new Uri($"http://127.0.0.1:{port}/metrics"));

            response.StatusCode.Should().Be(HttpStatusCode.OK);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task AddMetricsServer_WhenThePortIsTaken_FailsToStartNamingThePort()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;
        var builder = Host.CreateApplicationBuilder();
        builder.AddMetricsServer(port);
        using var host = builder.Build();

        var start = () => host.StartAsync();

        (await start.Should().ThrowAsync<InvalidOperationException>())
            .WithMessage($"*127.0.0.1:{port}*already in use*Metrics:Server:Port*");
    }
}
