namespace Instrumentation.Hosting;

/// <summary>One user allowed to read metrics, section <c>Metrics:Authentication:Users:&lt;n&gt;</c>.</summary>
public sealed class MetricsUser
{
    /// <summary>The user name sent in the basic authentication header; must not contain <c>:</c>.</summary>
    public string Username { get; set; } = string.Empty;

    /// <summary>
    /// The password's hash: sha512-crypt (<c>$6$...</c>, from <c>openssl passwd -6</c> or <c>instrumentation-hash</c>)
    /// or PBKDF2 (<c>$pbkdf2-sha256$...</c>, from <c>instrumentation-hash --pbkdf2</c> or passlib).
    /// </summary>
    public string PasswordHash { get; set; } = string.Empty;
}
