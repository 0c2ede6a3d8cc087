using System.Globalization;
using System.Net;
using Instrumentation.AspNetCore.Tests.TestSupport;
using Microsoft.Extensions.Hosting;

namespace Instrumentation.AspNetCore.Tests.Server;

/// <summary>
/// The standalone metrics server binds <c>Metrics:Server:Host</c>:<c>Metrics:Server:Port</c> and nothing else, whatever
/// the process's environment and working directory say about Kestrel endpoints and URLs.
/// </summary>
[Collection(ProcessEnvironmentTests.Name)]
public sealed class MetricsServerProcessConfigurationTests
{
    [Fact]
    public async Task AddMetricsServer_ProcessConfigurationNamesOtherEndpoints_BindsOnlyItsOwnAddress()
    {
        var port = FreePort.Next();
        var kestrelEndpoint = FreePort.Next();
        var aspNetCoreUrls = FreePort.Next();
        var dotnetUrls = FreePort.Next();
        var httpPorts = FreePort.Next();
        var httpsPorts = FreePort.Next();
        var fileEndpoint = FreePort.Next();
        var directory = Path.Combine(Path.GetTempPath(), $"instrumentation-server-cwd-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(
            Path.Combine(directory, "appsettings.json"),
            $$"""{ "Kestrel": { "Endpoints": { "FromFile": { "Url": "http://127.0.0.1:{{fileEndpoint}}" } } }, "urls": "http://127.0.0.1:{{fileEndpoint}}" }""");
        try
        {
            using (new ProcessEnvironment()
                .Set("Kestrel__Endpoints__Public__Url", $"http://127.0.0.1:{kestrelEndpoint}")
                .Set("ASPNETCORE_URLS", $"http://127.0.0.1:{aspNetCoreUrls}")
                .Set("DOTNET_URLS", $"http://127.0.0.1:{dotnetUrls}")
                .Set("ASPNETCORE_HTTP_PORTS", httpPorts.ToString(CultureInfo.InvariantCulture))
                .Set("ASPNETCORE_HTTPS_PORTS", httpsPorts.ToString(CultureInfo.InvariantCulture))
                .InDirectory(directory))
            {
                var builder = Host.CreateApplicationBuilder();
                builder.AddMetricsServer(port);
                using var host = builder.Build();
                await host.StartAsync();
                try
                {
                    using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
                    using var served = await client.GetAsync(new Uri($"http://127.0.0.1:{port}/metrics"));
                    served.StatusCode.Should().Be(HttpStatusCode.OK);

                    foreach (var (name, other) in new[]
                    {
                        ("Kestrel:Endpoints from the environment", kestrelEndpoint),
                        ("ASPNETCORE_URLS", aspNetCoreUrls),
                        ("DOTNET_URLS", dotnetUrls),
                        ("ASPNETCORE_HTTP_PORTS", httpPorts),
                        ("ASPNETCORE_HTTPS_PORTS", httpsPorts),
                        ("appsettings.json in the working directory", fileEndpoint),
                    })
                    {
                        (await PortProbe.IsListeningAsync(IPAddress.Loopback, other)).Should().BeFalse($"the metrics server must not listen on the port from {name}");
                    }
                }
                finally
                {
                    await host.StopAsync();
                }
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
