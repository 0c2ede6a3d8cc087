using Instrumentation.AspNetCore.Tests.TestSupport;
using static Instrumentation.AspNetCore.Tests.Samples.Login.LoginClient;

namespace Instrumentation.AspNetCore.Tests.Samples.Login;

/// <summary>The Login sample on real Kestrel at 127.0.0.1, scraped every second by a real Prometheus.</summary>
public sealed class LoginEndToEndTests
{
    [Fact]
    public async Task Prometheus_SeesFailedLoginsAndTotalUsers()
    {
        var port = FreePort.Next();
        await using var app = new LoginAppFactory("1s");
        app.UseKestrel(port);
        app.StartServer();
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await using var prometheus = await PrometheusServer.StartAsync("login", $"127.0.0.1:{port}", "/metrics");

        foreach (var name in new[] { "ann", "bob", "carol" })
        {
            (await RegisterAsync(client, name, "correct horse")).EnsureSuccessStatusCode();
        }

        await LoginAsync(client, "ann", "wrong horse");
        await LoginAsync(client, "nobody", "correct horse");

        (await prometheus.QueryUntilValueAsync("failed_login_details_total{job=\"login\"}", 2, TimeSpan.FromSeconds(20)))
            .Should().Be(2);
        (await prometheus.QueryUntilValueAsync("total_users{job=\"login\"}", 3, TimeSpan.FromSeconds(20)))
            .Should().Be(3);
        (await prometheus.QueryAsync("successful_login_details_total")).Should().ContainSingle().Which.Value.Should().Be(0);
        (await prometheus.QueryAsync("http_server_request_duration_seconds_count{http_route=\"/auth/login\",http_response_status_code=\"400\"}"))
            .Should().ContainSingle().Which.Value.Should().Be(2);
    }
}
