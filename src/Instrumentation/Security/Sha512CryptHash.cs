using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Instrumentation.Security;

/// <summary>
/// sha512-crypt (<c>$6$[rounds=N$]salt$checksum</c>), as specified by Ulrich Drepper ("Unix crypt using
/// SHA-256 and SHA-512") and produced by glibc's <c>crypt</c>, <c>openssl passwd -6</c>, <c>mkpasswd</c>
/// and passlib's <c>sha512_crypt</c>.
/// </summary>
internal sealed class Sha512CryptHash : ParsedPasswordHash
{
    public const string Prefix = "$6$";
    public const int DefaultRounds = 5000;
    public const int MinRounds = 1000;

    /// <summary>The least rounds the metrics endpoint accepts: the default, which every tool writes unless told otherwise.</summary>
    public const int FloorRounds = DefaultRounds;
    public const int MaxRounds = 999_999_999;
    public const int MaxSaltLength = 16;
    private const string RoundsPrefix = "rounds=";
    private const int ChecksumLength = 86;
    private const int DigestLength = 64;

    // The order in which the spec writes the digest's bytes, three at a time.
    private static readonly byte[] EncodingOrder =
    [
        0, 21, 42, 22, 43, 1, 44, 2, 23, 3, 24, 45, 25, 46, 4, 47, 5, 26, 6, 27, 48, 28, 49, 7, 50, 8, 29,
        9, 30, 51, 31, 52, 10, 53, 11, 32, 12, 33, 54, 34, 55, 13, 56, 14, 35, 15, 36, 57, 37, 58, 16,
        59, 17, 38, 18, 39, 60, 40, 61, 19, 62, 20, 41,
    ];

    private readonly byte[] _salt;
    private readonly bool _roundsExplicit;
    private readonly byte[] _checksum;

    private Sha512CryptHash(byte[] salt, int rounds, bool roundsExplicit, byte[] checksum)
    {
        _salt = salt;
        Rounds = rounds;
        _roundsExplicit = roundsExplicit;
        _checksum = checksum;
    }

    public override string Scheme => "sha512-crypt";

    public override int Cost => Rounds;

    public override int MinimumCost => FloorRounds;

    public int Rounds { get; }

    /// <summary>Hashes <paramref name="password"/> with a fresh 16-character salt.</summary>
    public static Sha512CryptHash Create(ReadOnlySpan<byte> password, int rounds)
    {
        var salt = new byte[MaxSaltLength];
        for (var i = 0; i < salt.Length; i++)
        {
            salt[i] = (byte)CryptBase64.Alphabet[RandomNumberGenerator.GetInt32(CryptBase64.Alphabet.Length)];
        }

        return Create(password, salt, rounds, roundsExplicit: rounds != DefaultRounds);
    }

    public static Sha512CryptHash Create(ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt, int rounds, bool roundsExplicit)
    {
        rounds = Math.Clamp(rounds, MinRounds, MaxRounds);
        var saltBytes = salt[..Math.Min(salt.Length, MaxSaltLength)].ToArray();
        return new Sha512CryptHash(saltBytes, rounds, roundsExplicit, Encode(Compute(password, saltBytes, rounds)));
    }

    public static bool TryParseHash(string text, [NotNullWhen(true)] out ParsedPasswordHash? hash, [NotNullWhen(false)] out string? error)
    {
        hash = null;
        var rest = text.AsSpan(Prefix.Length);
        var rounds = DefaultRounds;
        var roundsExplicit = false;
        if (rest.StartsWith(RoundsPrefix, StringComparison.Ordinal))
        {
            var end = rest.IndexOf('$');
            if (end < 0 || !long.TryParse(rest[RoundsPrefix.Length..end], NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                error = "has a sha512-crypt 'rounds=' that is not a whole number followed by '$'";
                return false;
            }

            rounds = (int)Math.Clamp(parsed, MinRounds, MaxRounds);
            roundsExplicit = true;
            rest = rest[(end + 1)..];
        }

        var separator = rest.IndexOf('$');
        if (separator < 0)
        {
            error = "is a sha512-crypt salt without a checksum (expected '$6$[rounds=N$]salt$checksum')";
            return false;
        }

        var salt = rest[..separator];
        var checksum = rest[(separator + 1)..];
        if (salt.Length > MaxSaltLength || salt.ContainsAny('$', ':') || !Ascii.IsValid(salt))
        {
            error = "has a sha512-crypt salt that is longer than 16 characters or not ASCII";
            return false;
        }

        if (checksum.Length != ChecksumLength || checksum.ContainsAnyExcept(CryptBase64.Characters))
        {
            error = $"has a sha512-crypt checksum that is not {ChecksumLength} characters of [./0-9A-Za-z]";
            return false;
        }

        hash = new Sha512CryptHash(Encoding.ASCII.GetBytes(salt.ToString()), rounds, roundsExplicit, Encoding.ASCII.GetBytes(checksum.ToString()));
        error = null;
        return true;
    }

    public override bool Verify(ReadOnlySpan<byte> password)
    {
        var computed = Encode(Compute(password, _salt, Rounds));
        return CryptographicOperations.FixedTimeEquals(computed, _checksum);
    }

    protected override ParsedPasswordHash HashWithSameCost(ReadOnlySpan<byte> password)
    {
        var salt = new byte[_salt.Length];
        for (var i = 0; i < salt.Length; i++)
        {
            salt[i] = (byte)CryptBase64.Alphabet[RandomNumberGenerator.GetInt32(CryptBase64.Alphabet.Length)];
        }

        return Create(password, salt, Rounds, _roundsExplicit);
    }

    protected override string DescribeTooCheap() => string.Create(
        CultureInfo.InvariantCulture,
        $"is a sha512-crypt hash of {Rounds:N0} rounds; the least accepted is {FloorRounds:N0}, the default of 'openssl passwd -6', 'mkpasswd -m sha-512' and 'instrumentation-hash'. Hash the password again with one of them");

    /// <summary>The hash string: <c>$6$[rounds=N$]salt$checksum</c>.</summary>
    public override string ToString()
    {
        var rounds = _roundsExplicit ? string.Create(CultureInfo.InvariantCulture, $"{RoundsPrefix}{Rounds}$") : string.Empty;
        return $"{Prefix}{rounds}{Encoding.ASCII.GetString(_salt)}${Encoding.ASCII.GetString(_checksum)}";
    }

    /// <summary>The spec's steps 1 to 21: the 64-byte digest of <paramref name="password"/> under <paramref name="salt"/>.</summary>
    internal static byte[] Compute(ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt, int rounds)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
        Span<byte> digestB = stackalloc byte[DigestLength];
        Span<byte> digest = stackalloc byte[DigestLength];

        // B = SHA512(password + salt + password)
        sha.AppendData(password);
        sha.AppendData(salt);
        sha.AppendData(password);
        sha.GetHashAndReset(digestB);

        // A = SHA512(password + salt + B repeated to the password's length + B or password per bit of that length)
        sha.AppendData(password);
        sha.AppendData(salt);
        AppendRepeated(sha, digestB, password.Length);
        for (var length = password.Length; length > 0; length >>= 1)
        {
            if ((length & 1) != 0)
            {
                sha.AppendData(digestB);
            }
            else
            {
                sha.AppendData(password);
            }
        }

        sha.GetHashAndReset(digest);

        // P = SHA512(password repeated once per byte of it), stretched to the password's length.
        for (var i = 0; i < password.Length; i++)
        {
            sha.AppendData(password);
        }

        sha.GetHashAndReset(digestB);
        var p = new byte[password.Length];
        FillRepeated(p, digestB);

        // S = SHA512(salt repeated 16 + A[0] times), cut to the salt's length.
        for (var i = 0; i < 16 + digest[0]; i++)
        {
            sha.AppendData(salt);
        }

        sha.GetHashAndReset(digestB);
        var s = digestB[..salt.Length].ToArray();

        for (var round = 0; round < rounds; round++)
        {
            if ((round & 1) != 0)
            {
                sha.AppendData(p);
            }
            else
            {
                sha.AppendData(digest);
            }

            if (round % 3 != 0)
            {
                sha.AppendData(s);
            }

            if (round % 7 != 0)
            {
                sha.AppendData(p);
            }

            if ((round & 1) != 0)
            {
                sha.AppendData(digest);
            }
            else
            {
                sha.AppendData(p);
            }

            sha.GetHashAndReset(digest);
        }

        CryptographicOperations.ZeroMemory(p);
        CryptographicOperations.ZeroMemory(digestB);
        return digest.ToArray();
    }

    private static byte[] Encode(byte[] digest)
    {
        Span<char> text = stackalloc char[ChecksumLength];
        var position = 0;
        for (var i = 0; i < EncodingOrder.Length; i += 3)
        {
            CryptBase64.AppendGroup(text, ref position, digest[EncodingOrder[i]], digest[EncodingOrder[i + 1]], digest[EncodingOrder[i + 2]], 4);
        }

        CryptBase64.AppendGroup(text, ref position, 0, 0, digest[63], 2);
        CryptographicOperations.ZeroMemory(digest);
        var bytes = new byte[ChecksumLength];
        for (var i = 0; i < ChecksumLength; i++)
        {
            bytes[i] = (byte)text[i];
        }

        return bytes;
    }

    private static void AppendRepeated(IncrementalHash sha, ReadOnlySpan<byte> block, int length)
    {
        for (; length > block.Length; length -= block.Length)
        {
            sha.AppendData(block);
        }

        sha.AppendData(block[..length]);
    }

    private static void FillRepeated(Span<byte> destination, ReadOnlySpan<byte> block)
    {
        for (var offset = 0; offset < destination.Length; offset += block.Length)
        {
            block[..Math.Min(block.Length, destination.Length - offset)].CopyTo(destination[offset..]);
        }
    }
}
