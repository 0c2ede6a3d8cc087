namespace Login;

/// <summary>
/// The registered users: user name (unique without case), PBKDF2 password hash and creation time.
/// Implementations: SQLite (the embedded default) and PostgreSQL, chosen by <c>Login:DatabaseProvider</c>. Thread-safe.
/// </summary>
public interface IUserStore
{
    /// <summary>Where the users are stored, for start-up messages (never a password).</summary>
    string Location { get; }

    /// <summary>Connects and creates the <c>users</c> table if it does not exist; fails with how to fix it when the database cannot be reached.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Adds a user; false when the user name (compared without case) is taken.</summary>
    Task<bool> TryAddAsync(string username, string passwordHash, DateTimeOffset createdAt, CancellationToken cancellationToken);

    /// <summary>The stored password hash of <paramref name="username"/> (compared without case), or null when there is no such user.</summary>
    Task<string?> FindPasswordHashAsync(string username, CancellationToken cancellationToken);

    /// <summary>Every user, oldest first (then by name).</summary>
    Task<IReadOnlyList<UserSummary>> ListAsync(CancellationToken cancellationToken);

    /// <summary>The number of users: <c>SELECT COUNT(*) FROM users</c>.</summary>
    Task<long> CountAsync(CancellationToken cancellationToken);
}
