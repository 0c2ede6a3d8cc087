using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Login;

/// <summary>Users in an SQLite file: user name, PBKDF2 password hash and creation time. Thread-safe: one connection per call.</summary>
public sealed class UserStore
{
    private readonly string _connectionString;

    public UserStore(IOptions<LoginOptions> options, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(environment.ContentRootPath, options.Value.DatabasePath),
            Mode = SqliteOpenMode.ReadWriteCreate,
        }.ToString();
    }

    /// <summary>Creates the <c>users</c> table if it does not exist.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE IF NOT EXISTS users (
                username      TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,
                password_hash TEXT NOT NULL,
                created_at    TEXT NOT NULL
            )
            """;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Adds a user; false when the user name (compared without case) is taken.</summary>
    public async Task<bool> TryAddAsync(string username, string passwordHash, DateTimeOffset createdAt, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT OR IGNORE INTO users (username, password_hash, created_at) VALUES ($username, $hash, $created)";
        command.Parameters.AddWithValue("$username", username);
        command.Parameters.AddWithValue("$hash", passwordHash);
        command.Parameters.AddWithValue("$created", createdAt.ToString("O", CultureInfo.InvariantCulture));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>The stored password hash of <paramref name="username"/>, or null when there is no such user.</summary>
    public async Task<string?> FindPasswordHashAsync(string username, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT password_hash FROM users WHERE username = $username";
        command.Parameters.AddWithValue("$username", username);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    /// <summary>Every user, oldest first.</summary>
    public async Task<IReadOnlyList<UserSummary>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT username, created_at FROM users ORDER BY created_at, username";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var users = new List<UserSummary>();
        while (await reader.ReadAsync(cancellationToken))
        {
            users.Add(new UserSummary(
                reader.GetString(0),
                DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)));
        }

        return users;
    }

    /// <summary>The number of users: <c>SELECT COUNT(*) FROM users</c>.</summary>
    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM users";
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
