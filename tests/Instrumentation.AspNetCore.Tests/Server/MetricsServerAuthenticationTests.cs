using System.Globalization;
using System.Net;
using Instrumentation.AspNetCore.Tests.TestSupport;
using Instrumentation.Security;
using Microsoft.Extensions.Hosting;

namespace Instrumentation.AspNetCore.Tests.Server;

public sealed class MetricsServerAuthenticationTests
{
    [Fact]
    public async Task AddMetricsServer_WithUsers_RefusesWithoutCredentials_AndServesWithThem()
    {
        var port = FreePort.Next();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["Metrics:Server:Port"] = port.ToString(CultureInfo.InvariantCulture);
        builder.Configuration["Metrics:Authentication:Users:0:Username"] = "prometheus";
        builder.Configuration["Metrics:Authentication:Users:0:PasswordHash"] = PasswordHash.HashSha512Crypt("worker-secret");
        builder.AddMetricsServer();
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            var url = $"http://127.0.0.1:{port}/metrics";

            using var refused = await BasicAuth.GetAsync(client, url, null, null);
            using var wrong = await BasicAuth.GetAsync(client, url, "prometheus", "guess");
            using var served = await BasicAuth.GetAsync(client, url, "prometheus", "worker-secret");

            refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            refused.Headers.WwwAuthenticate.ToString().Should().Be("Basic realm=\"metrics\"");
            wrong.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            served.StatusCode.Should().Be(HttpStatusCode.OK);
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
