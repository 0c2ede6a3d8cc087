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
    /// How long a verified user name and password are remembered after their last use, so a scrape every few
    /// seconds does not pay the hash's cost each time; a refused pair is remembered as long from its failure, so
    /// repeating it costs no hash either. Default 60 seconds; zero verifies every request.
    /// </summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How many password verifications (slow hashes) may run at once. An attempt that needs one while all are
    /// busy is refused at once with <c>429 Too Many Requests</c> and <c>Retry-After: 1</c>, without hashing;
    /// remembered credentials need none, so a flood of bad credentials cannot starve a scraper that was already
    /// verified. Default half the processors, at least 1.
    /// </summary>
    public int MaxConcurrentVerifications { get; set; } = DefaultMaxConcurrentVerifications;

    /// <summary>The default of <see cref="MaxConcurrentVerifications"/>: half the processors, at least 1.</summary>
    public static int DefaultMaxConcurrentVerifications => Math.Max(1, Environment.ProcessorCount / 2);
}
