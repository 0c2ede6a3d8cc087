using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Fruit.Data.Sqlite;

/// <summary>
/// The SQLite file shared by frontend and backend (possibly two processes): opens connections in WAL mode
/// with a busy timeout, and creates the tables on first use. Thread-safe; each call opens its own connection.
/// </summary>
public sealed class SqliteFruitDatabase
{
    private readonly string _connectionString;
    private readonly object _schemaLock = new();
    private bool _schemaReady;

    /// <summary>Creates the database accessor for <see cref="FruitOptions.DatabasePath"/>.</summary>
    public SqliteFruitDatabase(IOptions<FruitOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Path = options.Value.DatabasePath;
        if (System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path)) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder); // the default is in a folder of its own, which SQLite does not create
        }

        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.Value.DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            DefaultTimeout = 30,
            Pooling = true,
        }.ToString();
    }

    /// <summary>The SQLite file.</summary>
    public string Path { get; }

    /// <summary>Opens a connection, creating the tables if this is the first one. The caller disposes it.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = "PRAGMA busy_timeout = 10000;";
                await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            EnsureSchema(connection);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private void EnsureSchema(SqliteConnection connection)
    {
        lock (_schemaLock)
        {
            if (_schemaReady)
            {
                return;
            }

            using var command = connection.CreateCommand();
            command.CommandText = """
                PRAGMA journal_mode = WAL;
                CREATE TABLE IF NOT EXISTS fruits (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    name TEXT NOT NULL,
                    quantity INTEGER NOT NULL,
                    inserted_at_ms INTEGER NOT NULL);
                CREATE INDEX IF NOT EXISTS fruits_inserted_at ON fruits (inserted_at_ms);
                CREATE TABLE IF NOT EXISTS queue (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    fruit TEXT NOT NULL,
                    quantity INTEGER NOT NULL,
                    enqueued_at_ms INTEGER NOT NULL);
                """;
            command.ExecuteNonQuery();
            _schemaReady = true;
        }
    }
}
