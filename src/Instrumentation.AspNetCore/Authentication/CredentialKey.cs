using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Instrumentation.AspNetCore.Authentication;

/// <summary>
/// A SHA-256 of user name, password and stored hash: what the cache of verified credentials is keyed by, so
/// it never holds a password, and an entry stops matching as soon as the user's hash changes.
/// </summary>
internal readonly record struct CredentialKey(UInt128 Low, UInt128 High)
{
    public static CredentialKey Compute(ReadOnlySpan<byte> username, ReadOnlySpan<byte> password, ReadOnlySpan<byte> passwordHash)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> lengths = stackalloc byte[8];
        // Lengths first, so ("ab", "c") and ("a", "bc") cannot give the same key.
        MemoryMarshal.Write(lengths, username.Length);
        MemoryMarshal.Write(lengths[4..], password.Length);
        sha.AppendData(lengths);
        sha.AppendData(username);
        sha.AppendData(password);
        sha.AppendData(passwordHash);
        Span<byte> digest = stackalloc byte[32];
        sha.GetHashAndReset(digest);
        return new CredentialKey(MemoryMarshal.Read<UInt128>(digest), MemoryMarshal.Read<UInt128>(digest[16..]));
    }
}
