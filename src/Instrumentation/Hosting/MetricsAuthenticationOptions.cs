namespace Instrumentation.Hosting;

/// <summary>
/// Built-in HTTP basic authentication of the metrics endpoint (<c>MapMetrics()</c> and the standalone metrics
/// server), section <c>Metrics:Authentication</c>. Off while <see cref="Users"/> is empty. Changes to the
/// configuration apply to the next request, without a restart.
/// </summary>
public sealed class MetricsAuthenticationOptions
{
    /// <summary>
    /// Who may read metrics: each a user name and a password <em>hash</em> (sha512-crypt or PBKDF2, see
    /// <see cref="Security.PasswordHash"/>). Plain-text passwords are refused at start-up.
    /// </summary>
    public IList<MetricsUser> Users { get; } = new List<MetricsUser>();

    /// <summary>
    /// How long a verified user name and password are remembered, so a scrape every few seconds does not pay
    /// the hash's cost each time. Default 60 seconds; zero verifies every request.
    /// </summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(60);
}
