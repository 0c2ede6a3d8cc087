namespace Fruit.Data;

/// <summary>Where the orders wait between frontend and backend: <c>Fruit:QueueProvider</c>.</summary>
public enum FruitQueueProvider
{
    /// <summary>The embedded default: a table in the SQLite file <see cref="FruitOptions.DatabasePath"/>.</summary>
    Sqlite,

    /// <summary>A RabbitMQ broker named by <c>ConnectionStrings:RabbitMq</c> (an <c>amqp://</c> URI), queue <see cref="FruitOptions.RabbitMqQueue"/>.</summary>
    RabbitMq,
}
