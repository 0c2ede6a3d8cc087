using System.Net;
using Instrumentation.AspNetCore.Tests.TestSupport;
using Instrumentation.Security;
using Microsoft.Extensions.Logging;

namespace Instrumentation.AspNetCore.Tests.Authentication;

/// <summary>
/// Users in a real JSON file read with <c>reloadOnChange</c>, served by real Kestrel: whatever happens to the file,
/// an app that started with authentication never answers <c>/metrics</c> without credentials.
/// </summary>
public sealed class AuthenticationFileReloadTests
{
    private static readonly string PrometheusHash = PasswordHash.HashSha512Crypt("scrape-secret");
    private static readonly string GrafanaHash = PasswordHash.HashSha512Crypt("grafana-secret");

    private static string OneUser() => JsonFileMetricsApp.Json(("prometheus", PrometheusHash));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Reload_FileDeleted_KeepsPreviousUsersAndLogsError(bool optional)
    {
        await using var app = await JsonFileMetricsApp.StartAsync(OneUser(), optional);
        await ExpectPreviousUsersAsync(app);

        await app.ChangeFileAndWaitForReloadAsync(File.Delete);

        var error = await app.PollUntilErrorLoggedAsync(() => ExpectPreviousUsersAsync(app));
        error.Message.Should().Contain("no users").And.Contain("restart");
        app.Logs.Lines.Should().NotContain(l => l.Contains("reloaded: 0 users", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reload_UserListEmptied_KeepsPreviousUsersAndLogsError()
    {
        await using var app = await JsonFileMetricsApp.StartAsync(OneUser());
        await ExpectPreviousUsersAsync(app);

        await app.ChangeFileAndWaitForReloadAsync(static file => File.WriteAllText(file, """{ "Metrics": { "Authentication": { "Users": [] } } }"""));

        var error = await app.PollUntilErrorLoggedAsync(() => ExpectPreviousUsersAsync(app));
        error.Message.Should().Contain("no users");
    }

    [Fact]
    public async Task Reload_InvalidHash_KeepsPreviousUsersAndLogsError()
    {
        await using var app = await JsonFileMetricsApp.StartAsync(OneUser());
        await ExpectPreviousUsersAsync(app);

        await app.ChangeFileAndWaitForReloadAsync(static file => File.WriteAllText(file, JsonFileMetricsApp.Json(("prometheus", "plain-text-password"))));

        var error = await app.PollUntilErrorLoggedAsync(() => ExpectPreviousUsersAsync(app));
        error.Message.Should().Contain("Metrics:Authentication:Users:0:PasswordHash").And.NotContain("plain-text-password");
        using var plain = await app.GetMetricsAsync("prometheus", "plain-text-password");
        plain.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Reload_CacheDurationNotATimeSpan_KeepsPreviousUsersAndLogsError()
    {
        await using var app = await JsonFileMetricsApp.StartAsync(OneUser());
        await ExpectPreviousUsersAsync(app);

        await app.ChangeFileAndWaitForReloadAsync(file => File.WriteAllText(
            file,
            OneUser().Replace("\"Users\"", "\"CacheDuration\":\"a minute\",\"Users\"", StringComparison.Ordinal)));

        var error = await app.PollUntilErrorLoggedAsync(() => ExpectPreviousUsersAsync(app));
        error.Message.Should().Contain("CacheDuration");
    }

    [Fact]
    public async Task Reload_FileDeletedBeforeTheFirstRequest_StillDemandsCredentials()
    {
        await using var app = await JsonFileMetricsApp.StartAsync(OneUser());

        await app.WaitForOptionsChangeAsync(File.Delete);

        await app.PollUntilErrorLoggedAsync(() => ExpectPreviousUsersAsync(app));
    }

    [Theory]
    [InlineData("{ \"Metrics\": { \"Authentication\": ")]
    [InlineData("")]
    public async Task Reload_UnreadableJson_KeepsPreviousUsersAndLogsError(string text)
    {
        await using var app = await JsonFileMetricsApp.StartAsync(OneUser());
        await ExpectPreviousUsersAsync(app);

        File.WriteAllText(app.File, text);

        var error = await app.PollUntilErrorLoggedAsync(() => ExpectPreviousUsersAsync(app));
        error.Message.Should().Contain(app.File).And.Contain("keeps the users it has");
        await ExpectPreviousUsersAsync(app);
    }

    [Fact]
    public async Task Reload_OtherFileChangesWhileTheUsersFileIsUnreadable_KeepsPreviousUsersAndLogsError()
    {
        await using var app = await JsonFileMetricsApp.StartAsync(OneUser());
        await ExpectPreviousUsersAsync(app);
        File.WriteAllText(app.File, "{ \"Metrics\": ");
        await app.PollUntilErrorLoggedAsync(() => ExpectPreviousUsersAsync(app), containing: "Reloading the configuration file");

        // The JSON provider dropped the broken file's settings; the next reload of any source exposes that.
        await app.WaitForOptionsChangeAsync(_ => File.WriteAllText(app.OtherFile, """{ "Unrelated": "changed" }"""));

        var error = await app.PollUntilErrorLoggedAsync(() => ExpectPreviousUsersAsync(app), containing: "no users");
        error.Message.Should().Contain("only a restart");
    }

    [Fact]
    public async Task Reload_FileDeletedThenRestoredWithAnotherUser_UsesTheRestoredUsers()
    {
        await using var app = await JsonFileMetricsApp.StartAsync(OneUser());
        await ExpectPreviousUsersAsync(app);
        await app.ChangeFileAndWaitForReloadAsync(File.Delete);
        await app.PollUntilErrorLoggedAsync(() => ExpectPreviousUsersAsync(app));

        await app.WaitForOptionsChangeAsync(static file => File.WriteAllText(file, JsonFileMetricsApp.Json(("grafana", GrafanaHash))));

        using var grafana = await app.GetMetricsAsync("grafana", "grafana-secret");
        using var prometheus = await app.GetMetricsAsync("prometheus", "scrape-secret");
        using var anonymous = await app.GetMetricsAsync(null, null);
        grafana.StatusCode.Should().Be(HttpStatusCode.OK);
        prometheus.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Reload_UsersAddedToAnAppThatStartedWithout_TurnsAuthenticationOnAndLogsAWarning()
    {
        await using var app = await JsonFileMetricsApp.StartAsync("""{ "Metrics": { } }""");
        using (var open = await app.GetMetricsAsync(null, null))
        {
            open.StatusCode.Should().Be(HttpStatusCode.OK, "no users are configured at start");
        }

        await app.WaitForOptionsChangeAsync(static file => File.WriteAllText(file, OneUser()));

        await ExpectPreviousUsersAsync(app);
        app.Logs.Entries.Should().Contain(e => e.Level == LogLevel.Warning && e.Message.Contains("turned on", StringComparison.Ordinal));

        await app.ChangeFileAndWaitForReloadAsync(File.Delete);
        await app.PollUntilErrorLoggedAsync(() => ExpectPreviousUsersAsync(app));
    }

    /// <summary>The user of the file the app started with still gets in; nobody gets in without credentials.</summary>
    private static async Task ExpectPreviousUsersAsync(JsonFileMetricsApp app)
    {
        using var anonymous = await app.GetMetricsAsync(null, null);
        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "an app that started with users must never answer without credentials");
        using var wrong = await app.GetMetricsAsync("prometheus", "guess");
        wrong.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        using var previous = await app.GetMetricsAsync("prometheus", "scrape-secret");
        previous.StatusCode.Should().Be(HttpStatusCode.OK, "the previous users stay in force");
    }
}
