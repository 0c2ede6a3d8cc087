using Microsoft.Extensions.Options;

namespace Fruit.Data.Sqlite;

/// <summary>The <c>fruits</c> table in the SQLite file: the embedded default <see cref="IFruitStore"/>. Thread-safe.</summary>
public sealed class SqliteFruitStore(SqliteFruitDatabase database, IOptions<FruitOptions> options, TimeProvider timeProvider) : IFruitStore
{
    /// <inheritdoc/>
    public string Location => $"SQLite file {database.Path} (table fruits)";

    /// <inheritdoc/>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        // Opening the first connection creates the tables.
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.DisposeAsync().ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task InsertAsync(string fruit, int quantity, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO fruits (name, quantity, inserted_at_ms) VALUES ($name, $quantity, $now);";
            command.Parameters.AddWithValue("$name", fruit);
            command.Parameters.AddWithValue("$quantity", quantity);
            command.Parameters.AddWithValue("$now", timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public async Task<FruitTotals> ReadTotalsAsync(CancellationToken cancellationToken)
    {
        var since = timeProvider.GetUtcNow().Subtract(options.Value.RecentWindow).ToUnixTimeMilliseconds();
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT name, SUM(quantity), SUM(CASE WHEN inserted_at_ms >= $since THEN quantity ELSE 0 END)
                FROM fruits GROUP BY name;
                """;
            command.Parameters.AddWithValue("$since", since);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                return await FruitTotals.ReadAsync(reader, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
