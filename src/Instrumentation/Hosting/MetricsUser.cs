namespace Instrumentation.Hosting;

/// <summary>One user allowed to read metrics, section <c>Metrics:Authentication:Users:&lt;n&gt;</c>.</summary>
public sealed class MetricsUser
{
    /// <summary>
    /// The longest user name, in UTF-8 bytes: the endpoint refuses longer credentials before looking them up,
    /// and start-up refuses a longer configured name.
    /// </summary>
    public const int MaxUsernameBytes = 256;

    /// <summary>The user name sent in the basic authentication header; must not contain <c>:</c>, at most <see cref="MaxUsernameBytes"/> bytes.</summary>
    public string Username { get; set; } = string.Empty;

    /// <summary>
    /// The password's hash: sha512-crypt (<c>$6$...</c>, from <c>openssl passwd -6</c> or <c>instrumentation-hash</c>)
    /// or PBKDF2 (<c>$pbkdf2-sha256$...</c>, from <c>instrumentation-hash --pbkdf2</c> or passlib), at least as
    /// costly as <see cref="Security.PasswordHash.MinimumSha512CryptRounds"/>,
    /// <see cref="Security.PasswordHash.MinimumPbkdf2Sha256Iterations"/> or <see cref="Security.PasswordHash.MinimumPbkdf2Sha512Iterations"/>.
    /// </summary>
    public string PasswordHash { get; set; } = string.Empty;
}
