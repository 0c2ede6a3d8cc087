using System.Net;
using Instrumentation.AspNetCore.Tests.TestSupport;
using Instrumentation.Security;

namespace Instrumentation.AspNetCore.Tests.Authentication;

public sealed class AuthenticationReloadTests
{
    private const string HashKey = "Metrics:Authentication:Users:0:PasswordHash";
    private static readonly string OldHash = PasswordHash.HashSha512Crypt("old-password");
    private static readonly string NewHash = PasswordHash.HashSha512Crypt("new-password");

    private static Dictionary<string, string?> Users() => new()
    {
        ["Metrics:Authentication:Users:0:Username"] = "prometheus",
        [HashKey] = OldHash,
    };

    [Fact]
    public async Task ChangedPasswordHash_AcceptsTheNewPassword_AndRefusesTheOldOneEvenIfCached()
    {
        await using var app = await SecuredMetricsApp.StartAsync(Users());
        (await app.GetMetricsAsync("prometheus", "old-password")).StatusCode.Should().Be(HttpStatusCode.OK);

        app.Reconfigure(new Dictionary<string, string?> { [HashKey] = NewHash });

        (await app.GetMetricsAsync("prometheus", "new-password")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await app.GetMetricsAsync("prometheus", "old-password")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        app.Logs.Lines.Should().Contain(m => m.Contains("Metrics authentication reloaded: 1 users", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AddedUser_IsAcceptedWithoutARestart()
    {
        await using var app = await SecuredMetricsApp.StartAsync(Users());
        (await app.GetMetricsAsync("grafana", "new-password")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        app.Reconfigure(new Dictionary<string, string?>
        {
            ["Metrics:Authentication:Users:1:Username"] = "grafana",
            ["Metrics:Authentication:Users:1:PasswordHash"] = NewHash,
        });

        (await app.GetMetricsAsync("grafana", "new-password")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await app.GetMetricsAsync("prometheus", "old-password")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Reload_WhileAScrapeIsInFlight_LetsThatScrapeFinish()
    {
        await using var app = await SecuredMetricsApp.StartAsync(Users());
        app.Source.Hold();
        var inFlight = app.GetMetricsAsync("prometheus", "old-password");
        (await app.Source.WaitForCollectionAsync(TimeSpan.FromSeconds(10))).Should().BeTrue("the scrape should reach collection");

        app.Reconfigure(new Dictionary<string, string?> { [HashKey] = NewHash });
        app.Source.Release();

        using var response = await inFlight.WaitAsync(TimeSpan.FromSeconds(10));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("# TYPE");
        (await app.GetMetricsAsync("prometheus", "old-password")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task InvalidChange_KeepsThePreviousUsers_AndLogsWhyWithoutTheValue()
    {
        await using var app = await SecuredMetricsApp.StartAsync(Users());
        (await app.GetMetricsAsync("prometheus", "old-password")).StatusCode.Should().Be(HttpStatusCode.OK);

        try
        {
            app.Reconfigure(new Dictionary<string, string?> { [HashKey] = "plain-new-password" });
        }
        catch (AggregateException ex) when (ex.Flatten().InnerExceptions.Any(static e => e is Microsoft.Extensions.Options.OptionsValidationException))
        {
            // The options monitor re-validates inside the change notification, so Reload() reports it too.
        }

        (await app.GetMetricsAsync("prometheus", "old-password")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await app.GetMetricsAsync("prometheus", "plain-new-password")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var logs = string.Join('\n', app.Logs.Lines);
        logs.Should().Contain("previous users stay in force").And.Contain("Metrics:Authentication:Users:0:PasswordHash");
        logs.Should().NotContain("plain-new-password");
    }
}
