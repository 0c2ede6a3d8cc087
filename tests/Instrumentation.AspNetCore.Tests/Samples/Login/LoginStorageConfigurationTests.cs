using Instrumentation.AspNetCore.Tests.TestSupport;

namespace Instrumentation.AspNetCore.Tests.Samples.Login;

/// <summary>A wrong database setting stops the Login sample at start with which setting to fix and how.</summary>
public sealed class LoginStorageConfigurationTests
{
    [Fact]
    public void UnknownProvider_FailsAtStart_NamingTheSettingAndTheChoices()
    {
        var message = StartupFailure(new() { ["Login:DatabaseProvider"] = "mysql" });

        message.Should().Contain("Login:DatabaseProvider is 'mysql'").And.Contain("Sqlite, PostgreSql");
    }

    [Fact]
    public void PostgreSql_WithoutAConnectionString_FailsAtStart_SayingWhichOneToSet()
    {
        var message = StartupFailure(new() { ["Login:DatabaseProvider"] = "postgresql" });

        message.Should().Contain("ConnectionStrings:PostgreSql is not set").And.Contain("samples/scripts/postgres.sh start");
    }

    [Fact]
    public void PostgreSql_Unreachable_FailsAtStart_NamingTheServerAndTheFix()
    {
        var port = FreePort.Next();

        var message = StartupFailure(new()
        {
            ["Login:DatabaseProvider"] = "PostgreSql",
            ["ConnectionStrings:PostgreSql"] = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Timeout=5",
        });

        message.Should().Contain($"Could not connect to PostgreSQL 127.0.0.1:{port}/postgres (ConnectionStrings:PostgreSql)")
            .And.Contain("Login:DatabaseProvider=Sqlite");
    }

    private static string StartupFailure(Dictionary<string, string> settings)
    {
        using var app = new LoginAppFactory("30s", settings);
        var start = () => app.CreateClient();
        var exception = start.Should().Throw<Exception>().Which;
        return string.Join(" | ", Chain(exception).Select(e => e.Message));
    }

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            yield return current;
        }
    }
}
