using Instrumentation.Exposition;
using Instrumentation.DefaultMetrics;

namespace Instrumentation.Hosting;

/// <summary>
/// Settings of <c>AddMetrics()</c>, bound from the <c>"Metrics"</c> configuration section and
/// validated at start-up.
/// </summary>
public sealed class MetricsOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "Metrics";

    /// <summary>The meter our instruments are published under (see <see cref="MetricFactoryOptions.MeterName"/>).</summary>
    public string MeterName { get; set; } = MetricFactoryOptions.DefaultMeterName;

    /// <summary>
    /// Whether exemplars are kept and shown in OpenMetrics output. Default true. With the app's own OpenTelemetry
    /// provider (<c>AddOpenTelemetry().WithMetrics()</c>), it is that provider's exemplar filter unless the app sets one.
    /// </summary>
    public bool Exemplars { get; set; } = true;

    /// <summary>The path the metrics endpoint is mapped to by <c>MapMetrics()</c>. Default <c>/metrics</c>.</summary>
    public string Path { get; set; } = "/metrics";

    /// <summary>
    /// The meters exported by default when <see cref="IncludeDefaultMeters"/> is true: ASP.NET Core's
    /// built-in meters (HTTP server, Kestrel, routing, diagnostics, rate limiting) and <c>System.Runtime</c>.
    /// </summary>
    public static IReadOnlyList<string> DefaultMeters { get; } =
    [
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.Diagnostics",
        "Microsoft.AspNetCore.RateLimiting",
        "System.Runtime",
    ];

    /// <summary>Whether the <see cref="DefaultMeters"/> are exported. Default true.</summary>
    public bool IncludeDefaultMeters { get; set; } = true;

    /// <summary>
    /// More meters we did not create whose instruments are exported too (aggregated by the OpenTelemetry
    /// SDK), by exact name or with a <c>*</c> wildcard: for example the application's own <c>Meter</c>s.
    /// </summary>
    public IList<string> Meters { get; } = new List<string>();

    /// <summary>
    /// Every meter to export: the defaults (when included; <c>System.Runtime</c> only while
    /// <see cref="DefaultMetricsOptions.Runtime"/> is on) followed by <see cref="Meters"/>.
    /// </summary>
    internal IReadOnlyList<string> ExportedMeters() =>
        IncludeDefaultMeters ? [.. DefaultMeters.Where(m => DefaultMetrics.Runtime || m != "System.Runtime"), .. Meters] : [.. Meters];

    /// <summary>
    /// Whether every series of a foreign meter carries <c>otel_scope_name</c>, <c>otel_scope_version</c> and
    /// <c>otel_scope_&lt;tag&gt;</c>, as OpenTelemetry.Exporter.Prometheus.AspNetCore writes them (docs/migrating.md).
    /// Default false: <c>otel_scope_name</c> is then written only where two meters share a metric name.
    /// </summary>
    public bool ScopeLabels { get; set; }

    /// <summary>
    /// Whether <c>/metrics</c> carries <c>target_info</c>, a gauge of value 1 labelled with the OpenTelemetry resource's
    /// attributes (<c>service_name</c>, ...), as OpenTelemetry.Exporter.Prometheus.AspNetCore writes it. Default false.
    /// </summary>
    public bool TargetInfo { get; set; }

    /// <summary>
    /// The most series one metric may have, for foreign meters and as the default of our own instruments;
    /// further label combinations go to an overflow series. Default 2000. Foreign meters aggregated by the app's own
    /// OpenTelemetry provider (<c>AddOpenTelemetry().WithMetrics()</c>) follow that provider's limits instead.
    /// </summary>
    public int CardinalityLimit { get; set; } = 2000;

    /// <summary>
    /// When set, a labelled series of our instruments not updated for this long is removed at the next
    /// scrape (see docs/limits.md). Default null: kept for good.
    /// </summary>
    public TimeSpan? SeriesIdleTimeout { get; set; }

    /// <summary>
    /// How long a scrape waits for one gauge callback before leaving its series out (see
    /// <see cref="MetricFactoryOptions.CallbackTimeout"/> and docs/limits.md); less when Prometheus' scrape timeout
    /// leaves less. Default 250 ms.
    /// </summary>
    public TimeSpan CallbackTimeout { get; set; } = MetricFactoryOptions.DefaultCallbackTimeout;

    /// <summary>The largest exposition one scrape builds, in bytes; a larger one fails with a clear error. Default 64 MiB.</summary>
    public int MaxScrapeBytes { get; set; } = MetricsScraper.DefaultMaxScrapeBytes;

    /// <summary>The standalone metrics server, for processes without a web server of their own.</summary>
    public MetricsServerOptions Server { get; set; } = new();

    /// <summary>Built-in basic authentication of the metrics endpoint; off until users are listed.</summary>
    public MetricsAuthenticationOptions Authentication { get; set; } = new();
    /// <summary>The built-in process and runtime metrics, each group on by default (section <c>Metrics:DefaultMetrics</c>).</summary>
    public DefaultMetricsOptions DefaultMetrics { get; set; } = new();
}
