namespace Fruit.Data;

/// <summary>Settings shared by the fruit shop's frontend and backend, bound from the <c>Fruit</c> section.</summary>
public sealed class FruitOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Fruit";

    /// <summary>The name under <c>ConnectionStrings</c> of the PostgreSQL connection string (<c>ConnectionStrings:PostgreSql</c>).</summary>
    public const string PostgreSqlConnectionStringName = "PostgreSql";

    /// <summary>The name under <c>ConnectionStrings</c> of the RabbitMQ URI (<c>ConnectionStrings:RabbitMq</c>).</summary>
    public const string RabbitMqConnectionStringName = "RabbitMq";

    /// <summary>Where the fruits are stored; default <see cref="FruitDatabaseProvider.Sqlite"/>.</summary>
    public FruitDatabaseProvider DatabaseProvider { get; set; } = FruitDatabaseProvider.Sqlite;

    /// <summary>Where the orders wait; default <see cref="FruitQueueProvider.Sqlite"/>.</summary>
    public FruitQueueProvider QueueProvider { get; set; } = FruitQueueProvider.Sqlite;

    /// <summary>
    /// The SQLite file holding the fruits and the message queue when they are embedded. Frontend and backend
    /// must use the same one; the default (<see cref="FruitDataPaths.DefaultDatabasePath"/>) is per user and per app,
    /// so one user's processes started anywhere share it and nobody else's do. Its folder is created when missing.
    /// </summary>
    public string DatabasePath { get; set; } = FruitDataPaths.DefaultDatabasePath();

    /// <summary>The RabbitMQ queue the orders go through when <see cref="QueueProvider"/> is RabbitMQ; default <c>fruit-orders</c>.</summary>
    public string RabbitMqQueue { get; set; } = "fruit-orders";

    /// <summary>How far back a fruit counts as recently inserted (<c>GET /fruit</c>, <c>recent_fruits</c>); default 5 minutes.</summary>
    public TimeSpan RecentWindow { get; set; } = TimeSpan.FromMinutes(5);
}
