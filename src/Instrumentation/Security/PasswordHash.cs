using System.Security.Cryptography;
using System.Text;

namespace Instrumentation.Security;

/// <summary>
/// Creates and checks the password hashes the metrics endpoint's basic authentication accepts:
/// sha512-crypt (<c>$6$[rounds=N$]salt$checksum</c>, what <c>openssl passwd -6</c> writes), bcrypt
/// (<c>$2b$cost$saltchecksum</c>, also <c>$2a$</c> and <c>$2y$</c>, what <c>htpasswd -B</c> writes) and PBKDF2 in
/// passlib's format (<c>$pbkdf2-sha256$&lt;iterations&gt;$&lt;salt&gt;$&lt;checksum&gt;</c>, also <c>-sha512</c>).
/// </summary>
/// <remarks>Thread-safe; every method is pure apart from drawing random salts.</remarks>
public static class PasswordHash
{
    /// <summary>sha512-crypt rounds used when none are given: 5000, the spec's (and <c>openssl passwd -6</c>'s) default.</summary>
    public const int DefaultSha512CryptRounds = Sha512CryptHash.DefaultRounds;

    /// <summary>PBKDF2-HMAC-SHA256 iterations used when none are given: 600,000, OWASP's 2023 recommendation.</summary>
    public const int DefaultPbkdf2Iterations = Pbkdf2Hash.DefaultIterations;

    /// <summary>
    /// The least sha512-crypt rounds the metrics endpoint accepts in <c>Metrics:Authentication:Users</c>: 5000, the
    /// spec's default (what <c>openssl passwd -6</c> and <c>mkpasswd</c> write). Start-up refuses a cheaper hash.
    /// </summary>
    public const int MinimumSha512CryptRounds = Sha512CryptHash.FloorRounds;

    /// <summary>
    /// The least PBKDF2-HMAC-SHA256 iterations the metrics endpoint accepts: 600,000, OWASP's 2023
    /// recommendation. Start-up refuses a cheaper hash.
    /// </summary>
    public const int MinimumPbkdf2Sha256Iterations = Pbkdf2Hash.FloorSha256Iterations;

    /// <summary>
    /// The least PBKDF2-HMAC-SHA512 iterations the metrics endpoint accepts: 210,000, OWASP's 2023
    /// recommendation. Start-up refuses a cheaper hash.
    /// </summary>
    public const int MinimumPbkdf2Sha512Iterations = Pbkdf2Hash.FloorSha512Iterations;

    /// <summary>bcrypt cost (log2 of the rounds) used when none is given: 10, what Prometheus' documentation uses.</summary>
    public const int DefaultBcryptCost = BcryptHash.DefaultCost;

    /// <summary>
    /// The least bcrypt cost the metrics endpoint accepts: 10, what Prometheus' documentation
    /// (<c>htpasswd -nBC 10</c>) and Go's <c>bcrypt.DefaultCost</c> use. Start-up refuses a cheaper hash, such as
    /// the cost 5 that <c>htpasswd -B</c> writes without <c>-C</c>.
    /// </summary>
    public const int MinimumBcryptCost = BcryptHash.FloorCost;

    /// <summary>
    /// The longest password, in UTF-8 bytes, a bcrypt hash is checked against: bcrypt reads only the first 72
    /// bytes, so a longer password is refused (never matches) rather than truncated, and is not hashed.
    /// </summary>
    public const int MaxBcryptPasswordBytes = BcryptHash.MaxPasswordBytes;

    /// <summary>
    /// The longest password, in UTF-8 bytes, the metrics endpoint verifies: a longer one is refused before any
    /// hashing (sha512-crypt's work grows with the password's length), so a hash of one could never be used.
    /// </summary>
    public const int MaxPasswordBytes = 256;

    /// <summary>Hashes <paramref name="password"/> (as UTF-8) with sha512-crypt and a random 16-character salt.</summary>
    /// <param name="password">The password.</param>
    /// <param name="rounds">
    /// Rounds, clamped to 1,000..999,999,999 as the spec says; written into the hash unless 5000. The metrics
    /// endpoint refuses fewer than <see cref="MinimumSha512CryptRounds"/>.
    /// </param>
    /// <returns>The hash, for example <c>$6$k3Jd...$Vw...</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="password"/> is null.</exception>
    public static string HashSha512Crypt(string password, int rounds = DefaultSha512CryptRounds)
    {
        ArgumentNullException.ThrowIfNull(password);
        return WithUtf8(password, rounds, static (bytes, rounds) => Sha512CryptHash.Create(bytes, rounds).ToString());
    }

    /// <summary>Hashes <paramref name="password"/> (as UTF-8) with bcrypt and a random salt, as <c>$2b$</c>.</summary>
    /// <param name="password">The password: at most <see cref="MaxBcryptPasswordBytes"/> bytes of UTF-8.</param>
    /// <param name="cost">
    /// The cost, log2 of the rounds, 4 to 31. The metrics endpoint refuses less than <see cref="MinimumBcryptCost"/>.
    /// </param>
    /// <returns>The hash, for example <c>$2b$10$...</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="password"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="password"/> is longer than <see cref="MaxBcryptPasswordBytes"/> bytes.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="cost"/> is not 4 to 31.</exception>
    public static string HashBcrypt(string password, int cost = DefaultBcryptCost)
    {
        ArgumentNullException.ThrowIfNull(password);
        return WithUtf8(password, cost, static (bytes, cost) => BcryptHash.Create(bytes, cost).ToString());
    }

    /// <summary>Hashes <paramref name="password"/> (as UTF-8) with PBKDF2-HMAC-SHA256 and a random 16-byte salt, in passlib's format.</summary>
    /// <param name="password">The password.</param>
    /// <param name="iterations">
    /// Iterations, at least 1. The metrics endpoint refuses fewer than <see cref="MinimumPbkdf2Sha256Iterations"/>;
    /// lower counts are for other uses of the hash (and for tests).
    /// </param>
    /// <returns>The hash, <c>$pbkdf2-sha256$&lt;iterations&gt;$&lt;salt&gt;$&lt;checksum&gt;</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="password"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="iterations"/> is less than 1.</exception>
    public static string HashPbkdf2(string password, int iterations = DefaultPbkdf2Iterations)
    {
        ArgumentNullException.ThrowIfNull(password);
        return WithUtf8(password, iterations, static (bytes, iterations) => Pbkdf2Hash.CreateSha256(bytes, iterations).ToString());
    }

    /// <summary>Whether <paramref name="passwordHash"/> is a well-formed hash in a supported format.</summary>
    public static bool IsSupported(string? passwordHash) => ParsedPasswordHash.TryParse(passwordHash, out _, out _);

    /// <summary>Whether <paramref name="password"/> (as UTF-8) matches <paramref name="passwordHash"/>; the final comparison takes constant time.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="password"/> is null.</exception>
    /// <exception cref="FormatException"><paramref name="passwordHash"/> is not a supported hash (the message does not repeat it).</exception>
    public static bool Verify(string password, string passwordHash)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (!ParsedPasswordHash.TryParse(passwordHash, out var hash, out var error))
        {
            throw new FormatException($"The password hash {error}. {ParsedPasswordHash.HowToHash}");
        }

        return WithUtf8(password, hash, static (bytes, hash) => hash.Verify(bytes));
    }

    /// <summary>Runs <paramref name="use"/> on the password's UTF-8 bytes, wiped afterwards whatever happens.</summary>
    private static TResult WithUtf8<TState, TResult>(string password, TState state, Func<byte[], TState, TResult> use)
    {
        var bytes = Encoding.UTF8.GetBytes(password);
        try
        {
            return use(bytes, state);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }
}
