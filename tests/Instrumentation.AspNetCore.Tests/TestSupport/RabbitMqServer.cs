namespace Instrumentation.AspNetCore.Tests.TestSupport;

/// <summary>
/// A real RabbitMQ (Debian's <c>rabbitmq-server</c>, with its own epmd) for one test class, started with
/// <c>samples/scripts/rabbitmq.sh</c> and stopped by process id when the class is done. Each test takes a
/// queue of its own with <see cref="NewQueueName"/>.
/// </summary>
public sealed class RabbitMqServer : IAsyncLifetime
{
    private SampleServerScript? _server;

    /// <summary>The AMQP URI the script printed (guest, virtual host /).</summary>
    public string Uri => Server.ConnectionString;

    public int Port => Server.Port;

    /// <summary>How long the script took to start epmd and the broker.</summary>
    public TimeSpan Startup => Server.Startup;

    private SampleServerScript Server => _server ?? throw new InvalidOperationException("The RabbitMQ server has not started.");

    public async Task InitializeAsync() => _server = await SampleServerScript.StartAsync("rabbitmq.sh", "RabbitMq");

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    public static string NewQueueName() => $"test-{Guid.NewGuid():N}";
}
