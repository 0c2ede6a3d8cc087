using Instrumentation.Security;

namespace Login;

/// <summary>The sample's settings, from the <c>Login</c> configuration section.</summary>
public sealed class LoginOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Login";

    /// <summary>How often <c>total_users</c> is refreshed when <see cref="UsersRefreshInterval"/> is not set.</summary>
    public const string DefaultUsersRefreshInterval = "30s";

    /// <summary>The name under <c>ConnectionStrings</c> of the PostgreSQL connection string (<c>ConnectionStrings:PostgreSql</c>).</summary>
    public const string PostgreSqlConnectionStringName = "PostgreSql";

    /// <summary>Where the users are stored: <see cref="UserDatabaseProvider.Sqlite"/> (the default) or <see cref="UserDatabaseProvider.PostgreSql"/>.</summary>
    public UserDatabaseProvider DatabaseProvider { get; set; } = UserDatabaseProvider.Sqlite;

    /// <summary>The SQLite database file, relative to the content root unless absolute; created when missing.</summary>
    public string DatabasePath { get; set; } = "login.db";

    /// <summary>How often the users collector counts the users (<c>30s</c>, <c>1m</c>, <c>500ms</c>); the first count comes one interval after start.</summary>
    public string UsersRefreshInterval { get; set; } = DefaultUsersRefreshInterval;

    /// <summary>PBKDF2-HMAC-SHA256 iterations for new password hashes (tests lower it to stay fast).</summary>
    public int PasswordHashIterations { get; set; } = PasswordHash.DefaultPbkdf2Iterations;
}
