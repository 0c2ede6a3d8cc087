extern alias LoginSample;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Instrumentation.AspNetCore.Tests.TestSupport;
using Instrumentation.Security;
using Instrumentation.Testing;
using Microsoft.AspNetCore.Hosting;
using LoginSample::Login;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static Instrumentation.AspNetCore.Tests.Samples.Login.LoginClient;

namespace Instrumentation.AspNetCore.Tests.Samples.Login;

public sealed class LoginEndpointTests
{
    [Fact]
    public async Task Register_ThenUsers_ListsTheUserWithoutItsHash()
    {
        await using var app = new LoginAppFactory();
        using var client = app.CreateClient();

        var response = await RegisterAsync(client, "ann", "correct horse");

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var users = await client.GetFromJsonAsync<JsonElement>("/users");
        users.GetArrayLength().Should().Be(1);
        users[0].GetProperty("username").GetString().Should().Be("ann");
        users[0].EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo("username", "createdAt");
    }

    [Fact]
    public async Task Register_StoresAPbkdf2Hash_NotThePassword()
    {
        await using var app = new LoginAppFactory();
        using var client = app.CreateClient();

        (await RegisterAsync(client, "bob", "correct horse")).EnsureSuccessStatusCode();

        var stored = await app.Services.GetRequiredService<IUserStore>().FindPasswordHashAsync("bob", CancellationToken.None);
        stored.Should().StartWith($"$pbkdf2-sha256${LoginAppFactory.TestPasswordHashIterations}$").And.NotContain("correct horse");
        PasswordHash.Verify("correct horse", stored!).Should().BeTrue();
    }

    [Fact]
    public async Task Register_WithATakenName_AnyCase_Returns409()
    {
        await using var app = new LoginAppFactory();
        using var client = app.CreateClient();
        (await RegisterAsync(client, "carol", "correct horse")).EnsureSuccessStatusCode();

        var response = await RegisterAsync(client, "CAROL", "another horse");

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await client.GetFromJsonAsync<JsonElement>("/users")).GetArrayLength().Should().Be(1);
    }

    [Theory]
    [InlineData("", "correct horse")]
    [InlineData("dave", "short")]
    [InlineData("da:ve", "correct horse")]
    public async Task Register_WithAnInvalidNameOrPassword_Returns400(string username, string password)
    {
        await using var app = new LoginAppFactory();
        using var client = app.CreateClient();

        var response = await RegisterAsync(client, username, password);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await client.GetFromJsonAsync<JsonElement>("/users")).GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task Login_WithTheRightPassword_Returns200_AndCountsASuccess()
    {
        await using var app = new LoginAppFactory();
        using var client = app.CreateClient();
        (await RegisterAsync(client, "erin", "correct horse")).EnsureSuccessStatusCode();

        var response = await LoginAsync(client, "erin", "correct horse");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var metrics = app.Services.GetRequiredService<MetricFactory>();
        metrics.GetValue("successful_login_details").Should().Be(1);
        metrics.GetValue("failed_login_details").Should().Be(0);
    }

    [Theory]
    [InlineData("frank", "wrong horse")]
    [InlineData("nobody", "correct horse")]
    public async Task Login_WithAWrongPasswordOrUnknownUser_Returns400WithTheMessage_AndCountsAFailure(string username, string password)
    {
        await using var app = new LoginAppFactory();
        using var client = app.CreateClient();
        (await RegisterAsync(client, "frank", "correct horse")).EnsureSuccessStatusCode();

        var response = await LoginAsync(client, username, password);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString()
            .Should().Be("Incorrect username or password");
        var metrics = app.Services.GetRequiredService<MetricFactory>();
        metrics.GetValue("failed_login_details").Should().Be(1);
        metrics.GetValue("successful_login_details").Should().Be(0);
        (await client.GetStringAsync("/metrics")).Should().MatchRegex("(?m)^failed_login_details_total 1$");
    }

    [Fact]
    public async Task Metrics_BeforeAnyLogin_ShowBothCountersAtZero()
    {
        await using var app = new LoginAppFactory();
        using var client = app.CreateClient();

        var body = await client.GetStringAsync("/metrics");

        body.Should().MatchRegex("(?m)^successful_login_details_total 0$").And.MatchRegex("(?m)^failed_login_details_total 0$");
    }

    [Fact]
    public async Task EveryEndpoint_HasAspNetCoreRequestCountAndLatency_ByMethodRouteAndStatus()
    {
        await using var app = new LoginAppFactory();
        using var client = app.CreateClient();
        (await RegisterAsync(client, "gina", "correct horse")).EnsureSuccessStatusCode();
        await LoginAsync(client, "gina", "correct horse");
        await LoginAsync(client, "gina", "wrong horse");
        await client.GetStringAsync("/users");

        var expected = new[] { ("POST", "/auth/register", "201"), ("POST", "/auth/login", "200"), ("POST", "/auth/login", "400"), ("GET", "/users", "200") };
        static string CountedOnce(string method, string route, string status) =>
            $@"(?m)^http_server_request_duration_seconds_count\{{(?=[^}}]*http_request_method=""{method}"")(?=[^}}]*http_response_status_code=""{status}"")(?=[^}}]*http_route=""{route}"")[^}}]*\}} 1$";

        var body = await MetricsPolling.ScrapeUntilAsync(client, text => expected.All(e => Regex.IsMatch(text, CountedOnce(e.Item1, e.Item2, e.Item3))));

        foreach (var (method, route, status) in expected)
        {
            body.Should().MatchRegex(CountedOnce(method, route, status), $"{method} {route} answered {status} once");
            body.Should().Contain($"http_route=\"{route}\",network_protocol_version=\"1.1\",url_scheme=\"http\",le=\"+Inf\"}} ", "the latency histogram has buckets");
        }
    }

    [Fact]
    public async Task ScrapesOfMetrics_AreNotCountedAsRequests_SoThePerRoutePanelShowsTheAppOnly()
    {
        await using var app = new LoginAppFactory();
        using var client = app.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            await client.GetStringAsync("/metrics");
        }

        await client.GetStringAsync("/users");

        var body = await MetricsPolling.ScrapeUntilAsync(client, text => text.Contains("http_server_request_duration_seconds_count{", StringComparison.Ordinal) && text.Contains("http_route=\"/users\"", StringComparison.Ordinal));
        var requestDurations = body.Split('\n').Where(line => line.StartsWith("http_server_request_duration_seconds", StringComparison.Ordinal)).ToList();
        requestDurations.Should().Contain(line => line.Contains("http_route=\"/users\"", StringComparison.Ordinal));
        requestDurations.Should().NotContain(line => line.Contains("http_route=\"/metrics\"", StringComparison.Ordinal), "UseHttpMetrics() leaves the metrics endpoint out of the request duration");
    }

    [Fact]
    public async Task Passwords_AreNeverLogged()
    {
        var logs = new CapturingLoggerProvider();
        await using var app = new LoginAppFactory().WithWebHostBuilder(builder => builder.ConfigureLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Trace);
            logging.AddProvider(logs);
        }));
        using var client = app.CreateClient();

        (await RegisterAsync(client, "hank", "SecretHorse-4821")).EnsureSuccessStatusCode();
        await LoginAsync(client, "hank", "SecretHorse-4821");
        await LoginAsync(client, "hank", "WrongHorse-9917");

        logs.Lines.Should().NotBeEmpty();
        logs.Lines.Should().NotContain(m => m.Contains("SecretHorse-4821", StringComparison.Ordinal) || m.Contains("WrongHorse-9917", StringComparison.Ordinal));
    }
}
