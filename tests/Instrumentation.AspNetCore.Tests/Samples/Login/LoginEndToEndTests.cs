using Instrumentation.AspNetCore.Tests.HttpMetrics;
using Instrumentation.AspNetCore.Tests.TestSupport;

namespace Instrumentation.AspNetCore.Tests.Samples.Login;

/// <summary>The Login sample on real Kestrel, scraped every second by a real Prometheus (see <see cref="LoginEndToEndFixture"/>).</summary>
public sealed class LoginEndToEndTests(LoginEndToEndFixture fixture) : IClassFixture<LoginEndToEndFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Prometheus_SeesLoginsAndTotalUsers()
    {
        var prometheus = fixture.Prometheus;

        (await prometheus.QueryUntilValueAsync("failed_login_details_total{job=\"login\"}", LoginEndToEndFixture.FailedLogins, Patience))
            .Should().Be(LoginEndToEndFixture.FailedLogins);
        (await prometheus.QueryUntilValueAsync("total_users{job=\"login\"}", LoginEndToEndFixture.Users, Patience))
            .Should().Be(LoginEndToEndFixture.Users);
        (await prometheus.QueryUntilValueAsync("successful_login_details_total{job=\"login\"}", LoginEndToEndFixture.SuccessfulLogins, Patience))
            .Should().Be(LoginEndToEndFixture.SuccessfulLogins);
        (await prometheus.QueryUntilValueAsync(
            "http_server_request_duration_seconds_count{http_route=\"/auth/login\",http_response_status_code=\"400\"}", LoginEndToEndFixture.FailedLogins, Patience))
            .Should().Be(LoginEndToEndFixture.FailedLogins);
    }

    [Fact]
    public async Task EveryDashboardQuery_ReturnsData()
    {
        using var dashboard = GrafanaDashboard.Load(RepositoryPaths.Of("samples", "Login", "grafana", "login-dashboard.json"));

        await fixture.Prometheus.ShouldAnswerEveryQueryOfAsync(dashboard, Patience);
    }
}
