using Microsoft.Extensions.Options;

namespace Fruit.Data;

/// <summary>The <c>fruits</c> table: the backend inserts, the frontend reads totals. Thread-safe.</summary>
public sealed class FruitStore(FruitDatabase database, IOptions<FruitOptions> options, TimeProvider timeProvider)
{
    /// <summary>Records that <paramref name="quantity"/> of <paramref name="fruit"/> arrived now.</summary>
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

    /// <summary>Reads the quantities per fruit, all time and within <see cref="FruitOptions.RecentWindow"/>.</summary>
    public async Task<FruitTotals> ReadTotalsAsync(CancellationToken cancellationToken)
    {
        var allTime = new Dictionary<string, long>(StringComparer.Ordinal);
        var recent = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var name in FruitCatalog.Names)
        {
            allTime[name] = 0;
            recent[name] = 0;
        }

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
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    allTime[reader.GetString(0)] = reader.GetInt64(1);
                    recent[reader.GetString(0)] = reader.GetInt64(2);
                }
            }
        }

        return new FruitTotals(allTime, recent);
    }
}
