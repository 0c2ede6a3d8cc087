namespace Handlers;

/// <summary>The one user allowed to call the handlers, from the <c>Handlers:User</c> configuration section.</summary>
public sealed class HandlerUserOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Handlers:User";

    /// <summary>The user name to send in the basic authentication header.</summary>
    public string Username { get; set; } = string.Empty;

    /// <summary>A sha512-crypt or PBKDF2 hash of the password (<c>openssl passwd -6</c>, <c>instrumentation-hash</c>); never the password.</summary>
    public string PasswordHash { get; set; } = string.Empty;
}
