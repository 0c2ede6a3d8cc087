using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;

namespace Instrumentation.Security;

/// <summary>
/// PBKDF2 in passlib's format: <c>$pbkdf2-sha256$&lt;iterations&gt;$&lt;salt&gt;$&lt;checksum&gt;</c> (or
/// <c>$pbkdf2-sha512$</c>), salt and checksum in adapted base64 (standard base64, <c>.</c> for <c>+</c>,
/// no padding), the checksum as long as the hash function's output.
/// </summary>
internal sealed class Pbkdf2Hash : ParsedPasswordHash
{
    public const string Prefix = "$pbkdf2-";
    public const int DefaultIterations = 600_000;

    /// <summary>The least PBKDF2-HMAC-SHA256 iterations the metrics endpoint accepts: OWASP's recommendation (Password Storage Cheat Sheet, 2023).</summary>
    public const int FloorSha256Iterations = 600_000;

    /// <summary>The least PBKDF2-HMAC-SHA512 iterations the metrics endpoint accepts: OWASP's recommendation (Password Storage Cheat Sheet, 2023).</summary>
    public const int FloorSha512Iterations = 210_000;
    public const int SaltLength = 16;

    private readonly string _algorithmName;
    private readonly HashAlgorithmName _algorithm;
    private readonly byte[] _salt;
    private readonly byte[] _checksum;

    private Pbkdf2Hash(string algorithmName, HashAlgorithmName algorithm, int iterations, byte[] salt, byte[] checksum)
    {
        _algorithmName = algorithmName;
        _algorithm = algorithm;
        Iterations = iterations;
        _salt = salt;
        _checksum = checksum;
    }

    public override string Scheme => "pbkdf2-" + _algorithmName;

    public override int Cost => Iterations;

    public override int MinimumCost => _algorithm == HashAlgorithmName.SHA512 ? FloorSha512Iterations : FloorSha256Iterations;

    public int Iterations { get; }

    /// <summary>Hashes <paramref name="password"/> with PBKDF2-HMAC-SHA256 and a fresh 16-byte salt.</summary>
    public static Pbkdf2Hash CreateSha256(ReadOnlySpan<byte> password, int iterations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        return Create("sha256", HashAlgorithmName.SHA256, 32, password, RandomNumberGenerator.GetBytes(SaltLength), iterations);
    }

    public static bool TryParseHash(string text, [NotNullWhen(true)] out ParsedPasswordHash? hash, [NotNullWhen(false)] out string? error)
    {
        hash = null;
        var parts = text.Split('$');
        if (parts.Length != 5 || parts[0].Length != 0)
        {
            error = "is not a PBKDF2 hash of the form '$pbkdf2-sha256$<iterations>$<salt>$<checksum>'";
            return false;
        }

        var (algorithm, length) = parts[1] switch
        {
            "pbkdf2-sha256" => (HashAlgorithmName.SHA256, 32),
            "pbkdf2-sha512" => (HashAlgorithmName.SHA512, 64),
            _ => (default, 0),
        };
        if (length == 0)
        {
            error = "uses a PBKDF2 variant that is not supported (only '$pbkdf2-sha256$' and '$pbkdf2-sha512$')";
            return false;
        }

        if (!int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations < 1)
        {
            error = "has PBKDF2 iterations that are not a whole number of at least 1";
            return false;
        }

        if (!CryptBase64.TryFromAdaptedBase64(parts[3], out var salt))
        {
            error = "has a PBKDF2 salt that is not adapted base64";
            return false;
        }

        if (!CryptBase64.TryFromAdaptedBase64(parts[4], out var checksum) || checksum.Length != length)
        {
            error = $"has a PBKDF2 checksum that is not {length} bytes of adapted base64";
            return false;
        }

        hash = new Pbkdf2Hash(parts[1]["pbkdf2-".Length..], algorithm, iterations, salt, checksum);
        error = null;
        return true;
    }

    public override bool Verify(ReadOnlySpan<byte> password)
    {
        Span<byte> computed = stackalloc byte[_checksum.Length];
        Rfc2898DeriveBytes.Pbkdf2(password, _salt, computed, Iterations, _algorithm);
        var equal = CryptographicOperations.FixedTimeEquals(computed, _checksum);
        CryptographicOperations.ZeroMemory(computed);
        return equal;
    }

    protected override ParsedPasswordHash HashWithSameCost(ReadOnlySpan<byte> password) =>
        Create(_algorithmName, _algorithm, _checksum.Length, password, RandomNumberGenerator.GetBytes(_salt.Length), Iterations);

    protected override string DescribeTooCheap() => string.Create(
        CultureInfo.InvariantCulture,
        $"is a PBKDF2-HMAC-{_algorithmName.ToUpperInvariant()} hash of {Iterations:N0} iteration{(Iterations == 1 ? "" : "s")}; the least accepted is {MinimumCost:N0}, OWASP's recommendation for PBKDF2-HMAC-{_algorithmName.ToUpperInvariant()}. Hash the password again with 'instrumentation-hash --pbkdf2' ({DefaultIterations:N0} iterations of SHA-256) or passlib with rounds of at least {MinimumCost}");

    /// <summary>The hash string, in passlib's format.</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Prefix}{_algorithmName}${Iterations}${CryptBase64.ToAdaptedBase64(_salt)}${CryptBase64.ToAdaptedBase64(_checksum)}");

    private static Pbkdf2Hash Create(string name, HashAlgorithmName algorithm, int length, ReadOnlySpan<byte> password, byte[] salt, int iterations)
    {
        var checksum = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, algorithm, length);
        return new Pbkdf2Hash(name, algorithm, iterations, salt, checksum);
    }
}
