using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Fruit.Data.PostgreSql;

/// <summary>
/// The <c>fruits</c> table in PostgreSQL (<c>Fruit:DatabaseProvider=PostgreSql</c>, <c>ConnectionStrings:PostgreSql</c>),
/// in the first schema of the connection's search path. Thread-safe: Npgsql's data source pools the connections.
/// </summary>
public sealed class PostgreSqlFruitStore : IFruitStore, IDisposable, IAsyncDisposable
{
    // Serializes CREATE TABLE IF NOT EXISTS across processes: two of them starting at once could otherwise
    // both try to create the table and one would fail on the catalog's unique index.
    private const long SchemaLockKey = 0x46_72_75_69_74;   // "Fruit"

    private readonly NpgsqlDataSource _dataSource;
    private readonly IOptions<FruitOptions> _options;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the store over <paramref name="connectionString"/> (Npgsql syntax: <c>Host=...;Port=...;Username=...;Database=...</c>).</summary>
    /// <exception cref="InvalidOperationException">The connection string is not valid.</exception>
    public PostgreSqlFruitStore(string connectionString, IOptions<FruitOptions> options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            _dataSource = NpgsqlDataSource.Create(connectionString);
        }
        catch (ArgumentException exception)
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{FruitOptions.PostgreSqlConnectionStringName} is not a valid PostgreSQL connection string ({exception.Message}). " +
                "Write it as Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres.", exception);
        }

        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        Location = $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database ?? builder.Username}";
        _options = options;
        _timeProvider = timeProvider;
    }

    /// <inheritdoc/>
    public string Location { get; }

    /// <inheritdoc/>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        NpgsqlConnection connection;
        try
        {
            connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is NpgsqlException or SocketException or TimeoutException)
        {
            throw new InvalidOperationException(
                $"Could not connect to {Location} (ConnectionStrings:{FruitOptions.PostgreSqlConnectionStringName}): {exception.Message}. " +
                $"{ProviderSetting.PostgreSqlHint}.", exception);
        }

        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await using var command = new NpgsqlCommand(
                    $"""
                    SELECT pg_advisory_xact_lock({SchemaLockKey});
                    CREATE TABLE IF NOT EXISTS fruits (
                        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                        name TEXT NOT NULL,
                        quantity INTEGER NOT NULL,
                        inserted_at_ms BIGINT NOT NULL);
                    CREATE INDEX IF NOT EXISTS fruits_inserted_at ON fruits (inserted_at_ms);
                    """,
                    connection,
                    transaction);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc/>
    public async Task InsertAsync(string fruit, int quantity, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("INSERT INTO fruits (name, quantity, inserted_at_ms) VALUES ($1, $2, $3)");
        command.Parameters.Add(new NpgsqlParameter { Value = fruit });
        command.Parameters.Add(new NpgsqlParameter { Value = quantity });
        command.Parameters.Add(new NpgsqlParameter { Value = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds() });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<FruitTotals> ReadTotalsAsync(CancellationToken cancellationToken)
    {
        var since = _timeProvider.GetUtcNow().Subtract(_options.Value.RecentWindow).ToUnixTimeMilliseconds();
        await using var command = _dataSource.CreateCommand("""
            SELECT name, SUM(quantity)::BIGINT, SUM(CASE WHEN inserted_at_ms >= $1 THEN quantity ELSE 0 END)::BIGINT
            FROM fruits GROUP BY name
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = since });
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            return await FruitTotals.ReadAsync(reader, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _dataSource.Dispose();

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
