namespace Fruit.Data;

/// <summary>Where the fruits are stored: <c>Fruit:DatabaseProvider</c>.</summary>
public enum FruitDatabaseProvider
{
    /// <summary>The embedded default: the SQLite file <see cref="FruitOptions.DatabasePath"/>.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server named by <c>ConnectionStrings:PostgreSql</c>.</summary>
    PostgreSql,
}
