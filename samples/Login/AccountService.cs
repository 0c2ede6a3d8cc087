using Instrumentation.Security;
using Microsoft.Extensions.Options;

namespace Login;

/// <summary>
/// Registers users with a PBKDF2 hash of their password and checks logins, counting each outcome in
/// <see cref="LoginMetrics"/>. Passwords are never stored, logged or put in a label.
/// </summary>
public sealed class AccountService
{
    private readonly IUserStore _users;
    private readonly LoginMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly int _iterations;
    private readonly Lazy<string> _dummyHash;

    public AccountService(IUserStore users, LoginMetrics metrics, TimeProvider time, IOptions<LoginOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _users = users;
        _metrics = metrics;
        _time = time;
        _iterations = options.Value.PasswordHashIterations;
        // An unknown user name is checked against this hash, so it costs as much as a wrong password
        // and response times do not tell which user names exist.
        _dummyHash = new Lazy<string>(() => PasswordHash.HashPbkdf2(Guid.NewGuid().ToString("N"), _iterations));
    }

    /// <summary>Adds a user with a freshly salted hash of <paramref name="password"/>.</summary>
    public async Task<RegistrationResult> RegisterAsync(string username, string password, CancellationToken cancellationToken)
    {
        var hash = PasswordHash.HashPbkdf2(password, _iterations);
        return await _users.TryAddAsync(username, hash, _time.GetUtcNow(), cancellationToken)
            ? RegistrationResult.Created
            : RegistrationResult.UsernameTaken;
    }

    /// <summary>True when the user exists and the password matches; counts the outcome either way.</summary>
    public async Task<bool> LoginAsync(string? username, string? password, CancellationToken cancellationToken)
    {
        var stored = string.IsNullOrEmpty(username) ? null : await _users.FindPasswordHashAsync(username, cancellationToken);
        var matches = PasswordHash.Verify(password ?? string.Empty, stored ?? _dummyHash.Value) && stored is not null;
        (matches ? _metrics.SuccessfulLogins : _metrics.FailedLogins).Inc();
        return matches;
    }
}
