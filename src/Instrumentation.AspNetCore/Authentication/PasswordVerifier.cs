using Instrumentation.Security;

namespace Instrumentation.AspNetCore.Authentication;

/// <summary>
/// Runs the slow password hashes for <see cref="MetricsBasicAuthenticator"/>: verifying a password against a
/// user's hash, and making the dummy hashes unknown users are verified against. Every slow hash the
/// authenticator pays goes through here, so tests can count it, hold it or give it a simulated duration.
/// </summary>
/// <remarks>Thread-safe; the default instance does nothing but call the hash.</remarks>
internal class PasswordVerifier
{
    /// <summary>Whether <paramref name="password"/> (UTF-8) matches <paramref name="hash"/>.</summary>
    public virtual bool Verify(ParsedPasswordHash hash, ReadOnlySpan<byte> password) => hash.Verify(password);

    /// <summary>A hash of a random password with the scheme and cost of <paramref name="like"/> (see <see cref="ParsedPasswordHash.CreateDummy"/>).</summary>
    public virtual ParsedPasswordHash CreateDummy(ParsedPasswordHash like) => like.CreateDummy();
}
