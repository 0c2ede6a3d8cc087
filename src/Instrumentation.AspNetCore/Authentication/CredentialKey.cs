using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Instrumentation.AspNetCore.Authentication;

/// <summary>
/// An HMAC-SHA256, under a secret drawn at random for each authenticator, of user name, password and stored
/// hash: what the caches of verified and refused credentials are keyed by. So they never hold a password;
/// an entry stops matching as soon as the user's hash changes; and without the secret (which never leaves the
/// process) a key cannot be tested against guessed passwords, nor matched against another process's keys.
/// </summary>
internal readonly record struct CredentialKey(UInt128 Low, UInt128 High)
{
    /// <summary>Length of the secret <see cref="NewSecret"/> draws, in bytes.</summary>
    public const int SecretLength = 32;

    /// <summary>A fresh random secret for <see cref="Compute"/>.</summary>
    public static byte[] NewSecret() => RandomNumberGenerator.GetBytes(SecretLength);

    public static CredentialKey Compute(ReadOnlySpan<byte> secret, ReadOnlySpan<byte> username, ReadOnlySpan<byte> password, ReadOnlySpan<byte> passwordHash)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, secret);
        Span<byte> lengths = stackalloc byte[8];
        // Lengths first, so ("ab", "c") and ("a", "bc") cannot give the same key.
        MemoryMarshal.Write(lengths, username.Length);
        MemoryMarshal.Write(lengths[4..], password.Length);
        hmac.AppendData(lengths);
        hmac.AppendData(username);
        hmac.AppendData(password);
        hmac.AppendData(passwordHash);
        Span<byte> digest = stackalloc byte[32];
        hmac.GetHashAndReset(digest);
        return new CredentialKey(MemoryMarshal.Read<UInt128>(digest), MemoryMarshal.Read<UInt128>(digest[16..]));
    }
}
