extern alias LoginSample;

using Instrumentation.Testing;
using LoginSample::Login;
using Microsoft.Extensions.DependencyInjection;
using static Instrumentation.AspNetCore.Tests.Samples.Login.LoginClient;

namespace Instrumentation.AspNetCore.Tests.Samples.Login;

public sealed class UsersCollectorTests
{
    [Fact]
    public async Task TotalUsers_EqualsTheRowCount_AfterTheCollectorRuns()
    {
        await using var app = new LoginAppFactory("200ms");
        using var client = app.CreateClient();
        foreach (var name in new[] { "ann", "bob", "carol" })
        {
            (await RegisterAsync(client, name, "correct horse")).EnsureSuccessStatusCode();
        }

        var metrics = app.Services.GetRequiredService<MetricFactory>();
        var rows = await app.Services.GetRequiredService<IUserStore>().CountAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => metrics.GetValue("total_users") == rows, TimeSpan.FromSeconds(10));

        rows.Should().Be(3);
        metrics.GetValue("total_users").Should().Be(3);
        metrics.GetValue("collector_last_success_timestamp_seconds", "UserCountCollector").Should().BePositive();
        (await client.GetStringAsync("/metrics")).Should().MatchRegex("(?m)^total_users 3$");
    }

    [Fact]
    public async Task TotalUsers_IsNotCounted_BeforeTheFirstInterval()
    {
        await using var app = new LoginAppFactory();         // 30 s: the first run is 30 s after start
        using var client = app.CreateClient();
        (await RegisterAsync(client, "ann", "correct horse")).EnsureSuccessStatusCode();
        await Task.Delay(500);

        var metrics = app.Services.GetRequiredService<MetricFactory>();

        metrics.GetValue("total_users").Should().Be(0);
        metrics.GetValue("collector_last_success_timestamp_seconds", "UserCountCollector").Should().Be(0);
    }
}
