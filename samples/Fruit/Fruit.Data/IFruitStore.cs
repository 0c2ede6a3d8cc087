namespace Fruit.Data;

/// <summary>
/// The fruits table: the backend inserts, the frontend reads totals. Implementations: SQLite (the embedded
/// default) and PostgreSQL, chosen by <see cref="FruitOptions.DatabaseProvider"/>. Thread-safe.
/// </summary>
public interface IFruitStore
{
    /// <summary>Where the fruits are stored, for start-up messages (never a password), e.g. <c>SQLite file /tmp/fruit-shop.db</c>.</summary>
    string Location { get; }

    /// <summary>Connects and creates the table if it does not exist; fails with how to fix it when the database cannot be reached.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Records that <paramref name="quantity"/> of <paramref name="fruit"/> arrived now.</summary>
    Task InsertAsync(string fruit, int quantity, CancellationToken cancellationToken);

    /// <summary>Reads the quantities per fruit of the catalog, all time and within <see cref="FruitOptions.RecentWindow"/> (0 for none).</summary>
    Task<FruitTotals> ReadTotalsAsync(CancellationToken cancellationToken);
}
