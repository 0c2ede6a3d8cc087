namespace Instrumentation.DefaultMetrics;

/// <summary>The built-in metric groups exported by <c>AddMetrics()</c>, section <c>Metrics:DefaultMetrics</c>. Each is on by default.</summary>
public sealed class DefaultMetricsOptions
{
    /// <summary>
    /// Process metrics (<c>process_cpu_seconds_total</c>, <c>process_resident_memory_bytes</c>,
    /// <c>process_open_fds</c>, ...), read at scrape time. Default true.
    /// </summary>
    public bool Process { get; set; } = true;

    /// <summary>
    /// Runtime metrics: <c>dotnet_info</c> and the <c>System.Runtime</c> meter (<c>dotnet_gc_collections_total</c>,
    /// ...) when <c>IncludeDefaultMeters</c> is true. Default true.
    /// </summary>
    public bool Runtime { get; set; } = true;
}
