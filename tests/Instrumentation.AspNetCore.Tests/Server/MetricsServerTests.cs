using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Instrumentation.AspNetCore.Server;
using Instrumentation.AspNetCore.Tests.TestSupport;
using Instrumentation.Exposition;
using Instrumentation.TestSupport.PrometheusProtobuf;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Instrumentation.AspNetCore.Tests.Server;

public sealed class MetricsServerTests
{
    [Fact]
    public async Task AddMetricsServer_OnAWorkerHost_ServesMetricsOnItsOwnPort()
    {
        var port = FreePort.Next();
        using var host = BuildWorkerHostWithMetricsServer(port);
        host.Services.GetRequiredService<MetricFactory>().CreateCounter("jobs_processed", "Jobs processed").Inc(3);
        await using var started = await StartedHost.StartAsync(host);
        using var client = new HttpClient();

        var body = await client.GetStringAsync(MetricsUrl(port));

        body.Should().Contain("jobs_processed_total 3");
    }

    [Fact]
    public async Task AddMetricsServer_AskedForProtobuf_ServesDelimitedProtobuf()
    {
        var port = FreePort.Next();
        using var host = BuildWorkerHostWithMetricsServer(port);
        host.Services.GetRequiredService<MetricFactory>().CreateCounter("jobs_processed", "Jobs processed").Inc(3);
        await using var started = await StartedHost.StartAsync(host);
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, MetricsUrl(port));
        request.Headers.TryAddWithoutValidation("Accept", ContentNegotiation.PrometheusProtobufContentType);

        using var response = await client.SendAsync(request);

        response.Content.Headers.ContentType!.ToString().Should().Be(ContentNegotiation.PrometheusProtobufContentType);
        var families = PrometheusProtobufDecoder.Decode(await response.Content.ReadAsByteArrayAsync());
        families.Single(f => f.Name == "jobs_processed_total").Metrics.Single().Counter!.Value.Should().Be(3);
    }

    [Fact]
    public async Task AddMetricsServer_ItsOwnRequests_AreNotExportedAsTheHostsHttpMetrics()
    {
        var port = FreePort.Next();
        using var host = BuildWorkerHostWithMetricsServer(port);
        await using var started = await StartedHost.StartAsync(host);
        using var client = new HttpClient();
        var url = MetricsUrl(port);
        await client.GetStringAsync(url);
        await client.GetStringAsync(url);

        var body = await client.GetStringAsync(url);

        body.Should().Contain("dotnet_assembly_count", "the process-wide runtime meter is still exported");
        body.Should().NotContain("http_server_request_duration_seconds", "the metrics server is a web application of its own, not the host's");
    }

    [Fact]
    public async Task AddMetricsServer_ReadsItsPortFromConfiguration()
    {
        var port = FreePort.Next();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["Metrics:Server:Port"] = port.ToString(CultureInfo.InvariantCulture);
        builder.AddMetricsServer();
        using var host = builder.Build();
        await using var started = await StartedHost.StartAsync(host);
        using var client = new HttpClient();

        using var response = await client.GetAsync(MetricsUrl(port));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AddMetricsServer_WhenThePortIsTaken_FailsToStartNamingThePort()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;
        using var host = BuildWorkerHostWithMetricsServer(port);

        var start = () => host.StartAsync();

        (await start.Should().ThrowAsync<InvalidOperationException>())
            .WithMessage($"*127.0.0.1:{port}*already in use*Metrics:Server:Port*");
    }

    [Fact]
    public async Task AddMetricsServer_WhenThePortIsTaken_TheFailureReadsAsOneLineWithoutStackTraces()
    {
        // Was: the host's "Hosting failed to start" log and the runtime's crash report each printed Kestrel's
        // nested exceptions with their stack traces (72 lines for one taken port).
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;
        using var host = BuildWorkerHostWithMetricsServer(port);

        var start = () => host.StartAsync();

        var thrown = (await start.Should().ThrowAsync<MetricsServerPortInUseException>()).Which;
        thrown.ToString().Should().NotContain("\n").And.NotContain(" at ").And.Contain($"127.0.0.1:{port}");
        thrown.InnerException.Should().NotBeNull("the bind failure is kept for code that wants it");
    }

    [Fact]
    public async Task AddMetricsServer_HostConfigurationNamesKestrelEndpointsAndUrls_BindsOnlyItsOwnAddress()
    {
        var port = FreePort.Next();
        var endpoint = FreePort.Next();
        var urls = FreePort.Next();
        using var host = BuildWorkerHostWithMetricsServer(port, configuration =>
        {
            configuration["Kestrel:Endpoints:Public:Url"] = $"http://127.0.0.1:{endpoint}";
            configuration["urls"] = $"http://127.0.0.1:{urls}";
            configuration["http_ports"] = urls.ToString(CultureInfo.InvariantCulture);
        });
        await using var started = await StartedHost.StartAsync(host);
        using var client = new HttpClient();

        using var served = await client.GetAsync(MetricsUrl(port));

        served.StatusCode.Should().Be(HttpStatusCode.OK);
        (await PortProbe.IsListeningAsync(IPAddress.Loopback, endpoint)).Should().BeFalse();
        (await PortProbe.IsListeningAsync(IPAddress.Loopback, urls)).Should().BeFalse();
    }

    [Theory]
    [InlineData("::1")]
    [InlineData("[::1]")]
    public async Task AddMetricsServer_OnTheIPv6Loopback_ServesMetricsThereOnly(string host)
    {
        IPv6Loopback.Require();
        var port = FreePort.Next();
        using var app = BuildWorkerHostWithMetricsServer(port, configuration => configuration["Metrics:Server:Host"] = host);
        await using var started = await StartedHost.StartAsync(app);
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };

        using var response = await client.GetAsync(new Uri($"http://[::1]:{port}/metrics"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        app.Services.GetRequiredService<Instrumentation.AspNetCore.Server.MetricsServer>().Address
            .Should().Be(new Uri($"http://[::1]:{port}/metrics"));
        (await PortProbe.IsListeningAsync(IPAddress.Loopback, port)).Should().BeFalse("::1 is not 127.0.0.1");
    }

    /// <summary>A worker host (no web app of its own) with <c>AddMetricsServer(port)</c>, configured first by <paramref name="configure"/>.</summary>
    private static IHost BuildWorkerHostWithMetricsServer(int port, Action<IConfiguration>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder();
        configure?.Invoke(builder.Configuration);
        builder.AddMetricsServer(port);
        return builder.Build();
    }

    private static Uri MetricsUrl(int port) => new($"http://127.0.0.1:{port}/metrics");
}
