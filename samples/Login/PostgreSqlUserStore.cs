using System.Net.Sockets;
using Npgsql;

namespace Login;

/// <summary>
/// Users in PostgreSQL (<c>Login:DatabaseProvider=PostgreSql</c>, <c>ConnectionStrings:PostgreSql</c>), in the first
/// schema of the connection's search path; user names unique without case through a unique index on
/// <c>lower(username)</c>. Thread-safe: Npgsql's data source pools the connections.
/// </summary>
public sealed class PostgreSqlUserStore : IUserStore, IDisposable, IAsyncDisposable
{
    // Serializes CREATE TABLE IF NOT EXISTS across instances starting at once, which could otherwise both try to
    // create the table and one fail on the catalog's unique index.
    private const long SchemaLockKey = 0x4C_6F_67_69_6E;   // "Login"

    private readonly NpgsqlDataSource _dataSource;

    /// <summary>Creates the store over <paramref name="connectionString"/> (Npgsql syntax: <c>Host=...;Port=...;Username=...;Database=...</c>).</summary>
    /// <exception cref="InvalidOperationException">The connection string is not valid.</exception>
    public PostgreSqlUserStore(string connectionString)
    {
        try
        {
            _dataSource = NpgsqlDataSource.Create(connectionString);
        }
        catch (ArgumentException exception)
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{LoginOptions.PostgreSqlConnectionStringName} is not a valid PostgreSQL connection string ({exception.Message}). " +
                "Write it as Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres.", exception);
        }

        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        Location = $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database ?? builder.Username}";
    }

    /// <inheritdoc/>
    public string Location { get; }

    /// <inheritdoc/>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        NpgsqlConnection connection;
        try
        {
            connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is NpgsqlException or SocketException or TimeoutException)
        {
            throw new InvalidOperationException(
                $"Could not connect to {Location} (ConnectionStrings:{LoginOptions.PostgreSqlConnectionStringName}): {exception.Message}. " +
                $"{UserStoreServiceCollectionExtensions.PostgreSqlHint}.", exception);
        }

        await using (connection)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using var command = new NpgsqlCommand(
                $"""
                SELECT pg_advisory_xact_lock({SchemaLockKey});
                CREATE TABLE IF NOT EXISTS users (
                    username      TEXT NOT NULL PRIMARY KEY,
                    password_hash TEXT NOT NULL,
                    created_at    TIMESTAMPTZ NOT NULL);
                CREATE UNIQUE INDEX IF NOT EXISTS users_username_lower ON users (lower(username));
                """,
                connection,
                transaction);
            await command.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
    }

    /// <inheritdoc/>
    public async Task<bool> TryAddAsync(string username, string passwordHash, DateTimeOffset createdAt, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            "INSERT INTO users (username, password_hash, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING");
        command.Parameters.Add(new NpgsqlParameter { Value = username });
        command.Parameters.Add(new NpgsqlParameter { Value = passwordHash });
        command.Parameters.Add(new NpgsqlParameter { Value = createdAt.ToUniversalTime() });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <inheritdoc/>
    public async Task<string?> FindPasswordHashAsync(string username, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT password_hash FROM users WHERE lower(username) = lower($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = username });
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<UserSummary>> ListAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT username, created_at FROM users ORDER BY created_at, username");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var users = new List<UserSummary>();
        while (await reader.ReadAsync(cancellationToken))
        {
            users.Add(new UserSummary(reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1)));
        }

        return users;
    }

    /// <inheritdoc/>
    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT COUNT(*) FROM users");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <inheritdoc/>
    public void Dispose() => _dataSource.Dispose();

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
