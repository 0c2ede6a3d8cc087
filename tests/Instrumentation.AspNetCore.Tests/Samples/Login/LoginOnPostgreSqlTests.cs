extern alias LoginSample;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Instrumentation.AspNetCore.Tests.TestSupport;
using Instrumentation.Testing;
using LoginSample::Login;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using static Instrumentation.AspNetCore.Tests.Samples.Login.LoginClient;

namespace Instrumentation.AspNetCore.Tests.Samples.Login;

/// <summary>The whole Login sample with <c>Login:DatabaseProvider=PostgreSql</c>, on a real PostgreSQL.</summary>
public sealed class LoginOnPostgreSqlTests(PostgreSqlServer server, ITestOutputHelper output) : IClassFixture<PostgreSqlServer>
{
    [Fact]
    public async Task RegisterLoginListAndTotalUsers_WorkAsOnSqlite()
    {
        output.WriteLine($"postgres.sh start took {server.Startup.TotalSeconds:F2} s");
        await using var app = new LoginAppFactory("200ms", new Dictionary<string, string>
        {
            ["Login:DatabaseProvider"] = "PostgreSql",
            ["ConnectionStrings:PostgreSql"] = await server.NewSchemaAsync(),
        });
        using var client = app.CreateClient();

        foreach (var name in new[] { "ann", "bob", "carol" })
        {
            (await RegisterAsync(client, name, "correct horse")).StatusCode.Should().Be(HttpStatusCode.Created);
        }

        (await RegisterAsync(client, "ANN", "another horse")).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await LoginAsync(client, "bob", "correct horse")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await LoginAsync(client, "bob", "wrong horse")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var users = await client.GetFromJsonAsync<JsonElement>("/users");

        app.Services.GetRequiredService<IUserStore>().Should().BeOfType<PostgreSqlUserStore>();
        users.EnumerateArray().Select(u => u.GetProperty("username").GetString()).Should().Equal("ann", "bob", "carol");
        var metrics = app.Services.GetRequiredService<MetricFactory>();
        metrics.GetValue("successful_login_details").Should().Be(1);
        metrics.GetValue("failed_login_details").Should().Be(1);
        await Eventually.TrueAsync(() => metrics.GetValue("total_users") == 3, TimeSpan.FromSeconds(10));

        metrics.GetValue("total_users").Should().Be(3, "the users collector counts the PostgreSQL rows");
    }
}
