using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Instrumentation.Security;

/// <summary>A password hash string read into its scheme, cost, salt and checksum, ready to verify passwords against.</summary>
internal abstract class ParsedPasswordHash
{
    /// <summary>What to tell someone who configured something that is not a supported hash (never echoing the value).</summary>
    public const string HowToHash =
        "Store a hash, never the password: a sha512-crypt hash ('$6$...', from 'openssl passwd -6' or 'instrumentation-hash'), a bcrypt hash ('$2y$10$...', from 'htpasswd -nBC 10 <user>' or 'instrumentation-hash --bcrypt') or a PBKDF2 hash ('$pbkdf2-sha256$<iterations>$<salt>$<hash>', from 'instrumentation-hash --pbkdf2' or passlib).";

    /// <summary>Reads <paramref name="text"/>; on failure <paramref name="error"/> says what is wrong without repeating the text.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ParsedPasswordHash? hash, [NotNullWhen(false)] out string? error)
    {
        hash = null;
        if (string.IsNullOrEmpty(text))
        {
            error = "is empty";
            return false;
        }

        if (text.StartsWith(Sha512CryptHash.Prefix, StringComparison.Ordinal))
        {
            return Sha512CryptHash.TryParseHash(text, out hash, out error);
        }

        if (text.StartsWith(Pbkdf2Hash.Prefix, StringComparison.Ordinal))
        {
            return Pbkdf2Hash.TryParseHash(text, out hash, out error);
        }

        if (BcryptHash.HasPrefix(text))
        {
            return BcryptHash.TryParseHash(text, out hash, out error);
        }

        error = text[0] == '$'
            ? "uses a hash scheme that is not supported (only sha512-crypt '$6$', bcrypt '$2a$'/'$2b$'/'$2y$' and PBKDF2 '$pbkdf2-sha256$'/'$pbkdf2-sha512$')"
            : "is not a password hash (it looks like a plain-text password)";
        return false;
    }

    /// <summary>The scheme's name, for messages.</summary>
    public abstract string Scheme { get; }

    /// <summary>The work factor: sha512-crypt rounds, bcrypt cost (log2 of the rounds) or PBKDF2 iterations.</summary>
    public abstract int Cost { get; }

    /// <summary>The least <see cref="Cost"/> the metrics endpoint accepts for this scheme (see <see cref="PasswordHash"/>'s <c>Minimum*</c> constants).</summary>
    public abstract int MinimumCost { get; }

    /// <summary>
    /// Null when <see cref="Cost"/> is at least <see cref="MinimumCost"/>; otherwise what is wrong and how to hash
    /// again, for a configuration message (it names the scheme and costs, never the salt or checksum).
    /// </summary>
    public string? CheckCost() => Cost >= MinimumCost ? null : DescribeTooCheap();

    /// <summary>Whether <paramref name="password"/> (UTF-8) hashes to this checksum; the comparison takes constant time.</summary>
    public abstract bool Verify(ReadOnlySpan<byte> password);

    /// <summary>
    /// A hash of a random password with the same scheme and cost as this one: verifying against it costs what
    /// verifying against this one costs, and no password a client can send matches it.
    /// </summary>
    public ParsedPasswordHash CreateDummy()
    {
        Span<byte> password = stackalloc byte[32];
        RandomNumberGenerator.Fill(password);
        var dummy = HashWithSameCost(password);
        CryptographicOperations.ZeroMemory(password);
        return dummy;
    }

    protected abstract ParsedPasswordHash HashWithSameCost(ReadOnlySpan<byte> password);

    /// <summary>The message for a <see cref="Cost"/> below <see cref="MinimumCost"/>, starting with a verb ("is ...").</summary>
    protected abstract string DescribeTooCheap();
}
