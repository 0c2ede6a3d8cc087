using Npgsql;

namespace Instrumentation.AspNetCore.Tests.TestSupport;

/// <summary>
/// A real PostgreSQL (Debian's <c>postgresql</c>) for one test class, started with <c>samples/scripts/postgres.sh</c>
/// and stopped by process id when the class is done. Each test takes a schema of its own with <see cref="NewSchemaAsync"/>.
/// </summary>
public sealed class PostgreSqlServer : IAsyncLifetime
{
    private SampleServerScript? _server;

    /// <summary>The connection string the script printed (user postgres, database postgres).</summary>
    public string ConnectionString => Server.ConnectionString;

    public int Port => Server.Port;

    /// <summary>How long the script took to initialize and start the server.</summary>
    public TimeSpan Startup => Server.Startup;

    private SampleServerScript Server => _server ?? throw new InvalidOperationException("The PostgreSQL server has not started.");

    public async Task InitializeAsync() => _server = await SampleServerScript.StartAsync("postgres.sh", "PostgreSql");

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>Creates an empty schema and returns a connection string whose search path is that schema.</summary>
    public async Task<string> NewSchemaAsync()
    {
        var schema = $"test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = schema }.ConnectionString;
    }
}
