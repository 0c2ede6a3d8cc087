namespace Instrumentation.Push;

/// <summary>
/// What every pusher shares: how often it pushes, how long one request may take, how it retries, and
/// how many snapshots it keeps while the target is unreachable.
/// </summary>
public abstract class PushOptions
{
    /// <summary>The base URL of the target, for example <c>http://127.0.0.1:9091</c>. Required.</summary>
    public string Url { get; set; } = string.Empty;

    /// <summary>How often the background service pushes a snapshot. Default 15 seconds.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The longest one HTTP request may take before it is abandoned and retried. Default 10 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts per snapshot in one flush, the first included; a snapshot that fails them all stays buffered. Default 3.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>The delay before the first retry; it doubles on each further retry, with jitter. Default 1 second.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest delay between two retries. Default 30 seconds.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How many undelivered snapshots are kept while the target is unreachable; when full, the oldest is
    /// dropped and counted in <c>push_dropped_total</c>. Default 20. The Pushgateway pusher keeps only the
    /// latest snapshot whatever this says, since each push replaces the group.
    /// </summary>
    public int BufferCapacity { get; set; } = 20;

    /// <summary>
    /// Whether a last snapshot is pushed when the host stops (what batch jobs need). Default true. The last
    /// pushes of all pushers run at the same time, each within what is left of the host's shutdown time
    /// (<c>HostOptions.ShutdownTimeout</c>, 30 seconds by default).
    /// </summary>
    public bool PushOnShutdown { get; set; } = true;

    /// <summary>The user name of HTTP basic authentication, or empty for none.</summary>
    public string Username { get; set; } = string.Empty;

    /// <summary>The password of HTTP basic authentication.</summary>
    public string Password { get; set; } = string.Empty;
}
