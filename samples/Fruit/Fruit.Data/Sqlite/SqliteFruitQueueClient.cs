namespace Fruit.Data.Sqlite;

/// <summary>
/// The embedded default <see cref="IFruitQueueClient"/>: a first-in first-out queue in the <c>queue</c> table of the
/// SQLite file, so a frontend and a backend in two processes can share it. Each dequeue deletes and returns
/// one row in a single statement, so two consumers never get the same message. Thread-safe.
/// </summary>
public sealed class SqliteFruitQueueClient(SqliteFruitDatabase database, TimeProvider timeProvider) : IFruitQueueClient
{
    /// <inheritdoc/>
    public string Location => $"SQLite file {database.Path} (table queue)";

    /// <inheritdoc/>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        // Opening the first connection creates the tables.
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.DisposeAsync().ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task EnqueueAsync(FruitMessage message, CancellationToken cancellationToken)
    {
        FruitMessage.ThrowIfInvalid(message);
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

    /// <inheritdoc/>
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

    /// <inheritdoc/>
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
