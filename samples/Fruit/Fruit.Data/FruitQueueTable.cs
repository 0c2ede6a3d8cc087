namespace Fruit.Data;

/// <summary>
/// A first-in first-out queue in the <c>queue</c> table, so a frontend and a backend in two processes can
/// share it. Each dequeue deletes and returns one row in a single statement, so two consumers never get
/// the same message. Thread-safe.
/// </summary>
public sealed class FruitQueueTable(FruitDatabase database, TimeProvider timeProvider)
{
    /// <summary>Appends <paramref name="message"/>.</summary>
    /// <exception cref="ArgumentException">The fruit is not in the catalog or the quantity is below 1.</exception>
    public async Task EnqueueAsync(FruitMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!FruitCatalog.Contains(message.Fruit) || message.Quantity < 1)
        {
            throw new ArgumentException($"Not a valid fruit message: {message}.", nameof(message));
        }

        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO queue (fruit, quantity, enqueued_at_ms) VALUES ($fruit, $quantity, $now);";
            command.Parameters.AddWithValue("$fruit", message.Fruit);
            command.Parameters.AddWithValue("$quantity", message.Quantity);
            command.Parameters.AddWithValue("$now", timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Removes and returns the oldest message, or null when the queue is empty.</summary>
    public async Task<FruitMessage?> TryDequeueAsync(CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                DELETE FROM queue WHERE id = (SELECT id FROM queue ORDER BY id LIMIT 1)
                RETURNING fruit, quantity;
                """;
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                    ? new FruitMessage(reader.GetString(0), reader.GetInt32(1))
                    : null;
            }
        }
    }

    /// <summary>How many messages wait.</summary>
    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM queue;";
            return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
    }
}
