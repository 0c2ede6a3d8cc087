using global::Fruit.Backend;
using Instrumentation.AspNetCore.Tests.TestSupport;

namespace Instrumentation.AspNetCore.Tests.Samples.Fruit;

/// <summary>A wrong storage setting stops the fruit shop at start with which setting to fix and how.</summary>
public sealed class FruitStorageConfigurationTests
{
    [Theory]
    [InlineData("DatabaseProvider", "mysql", "Sqlite, PostgreSql")]
    [InlineData("QueueProvider", "kafka", "Sqlite, RabbitMq")]
    public void UnknownProvider_FailsAtStart_NamingTheSettingAndTheChoices(string key, string value, string choices)
    {
        var create = () => BackendApp.Create([$"--Fruit:{key}={value}"]);

        create.Should().Throw<InvalidOperationException>()
            .Which.Message.Should().Contain($"Fruit:{key} is '{value}'").And.Contain(choices);
    }

    [Theory]
    [InlineData("DatabaseProvider", "PostgreSql", "ConnectionStrings:PostgreSql is not set", "postgres.sh start")]
    [InlineData("QueueProvider", "rabbitmq", "ConnectionStrings:RabbitMq is not set", "rabbitmq.sh start")]
    public void Server_WithoutAConnectionString_FailsAtStart_SayingWhichOneToSet(string key, string value, string missing, string script)
    {
        var create = () => BackendApp.Create([$"--Fruit:{key}={value}"]);

        create.Should().Throw<InvalidOperationException>()
            .Which.Message.Should().Contain(missing).And.Contain(script);
    }

    [Fact]
    public async Task PostgreSql_Unreachable_FailsAtStart_NamingTheServerAndTheFix()
    {
        var port = FreePort.Next();

        var message = await StartupFailureAsync(
            "--Fruit:DatabaseProvider=PostgreSql",
            $"--ConnectionStrings:PostgreSql=Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Timeout=5");

        message.Should().Contain($"Could not connect to PostgreSQL 127.0.0.1:{port}/postgres (ConnectionStrings:PostgreSql)")
            .And.Contain("Fruit:DatabaseProvider=Sqlite");
    }

    [Fact]
    public async Task RabbitMq_Unreachable_FailsAtStart_NamingTheBrokerAndTheFix()
    {
        var port = FreePort.Next();

        var message = await StartupFailureAsync("--Fruit:QueueProvider=RabbitMq", $"--ConnectionStrings:RabbitMq=amqp://guest:guest@127.0.0.1:{port}/");

        message.Should().Contain($"Could not connect to RabbitMQ 127.0.0.1:{port}/ (queue fruit-orders) (ConnectionStrings:RabbitMq)")
            .And.Contain("Fruit:QueueProvider=Sqlite");
    }

    [Fact]
    public void RabbitMq_WithANonAmqpUri_FailsAtStart_ShowingTheExpectedForm()
    {
        using var host = BackendApp.Create(["--Fruit:QueueProvider=RabbitMq", "--ConnectionStrings:RabbitMq=http://user:secret@127.0.0.1:5672/"]);

        var resolve = () => host.Services.GetService(typeof(global::Fruit.Data.IFruitQueueClient));

        resolve.Should().Throw<InvalidOperationException>()
            .Which.Message.Should().Contain("not an AMQP URI").And.Contain("amqp://guest:guest@127.0.0.1:5672/").And.NotContain("secret");
    }

    private static async Task<string> StartupFailureAsync(params string[] args)
    {
        using var database = new FruitTestDatabase();
        using var host = BackendApp.Create([.. args, $"--Fruit:DatabasePath={database.Path}", $"--Metrics:Server:Port={FreePort.Next()}"]);
        var start = () => host.StartAsync();
        return (await start.Should().ThrowAsync<InvalidOperationException>()).Which.Message;
    }
}
