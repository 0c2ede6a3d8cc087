namespace Login;

/// <summary>Where the users are stored: <c>Login:DatabaseProvider</c>.</summary>
public enum UserDatabaseProvider
{
    /// <summary>The embedded default: the SQLite file <see cref="LoginOptions.DatabasePath"/>.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server named by <c>ConnectionStrings:PostgreSql</c>.</summary>
    PostgreSql,
}
