using global::Fruit.Data;
using global::Fruit.Data.RabbitMq;
using Instrumentation.AspNetCore.Tests.TestSupport;

namespace Instrumentation.AspNetCore.Tests.Samples.Fruit;

/// <summary>The queue contract on a real RabbitMQ, a queue of its own per test, each client on its own connection.</summary>
public sealed class RabbitMqFruitQueueClientTests(RabbitMqServer server) : FruitQueueContract, IClassFixture<RabbitMqServer>
{
    private readonly string _queue = RabbitMqServer.NewQueueName();

    protected override IFruitQueueClient CreateClient() => new RabbitMqFruitQueueClient(server.Uri, _queue);
}
