using System.Diagnostics.Metrics;

namespace Instrumentation.OpenTelemetry;

/// <summary>Settings of a <see cref="ForeignMeterSource"/>: which meters to listen to, and how.</summary>
public sealed class ForeignMeterSourceOptions
{
    /// <summary>The OpenTelemetry SDK's default: at most this many series per metric, plus one overflow series.</summary>
    public const int DefaultCardinalityLimit = 2000;

    /// <summary>
    /// The names of the meters to aggregate, as OpenTelemetry's <c>AddMeter</c> takes them: exact names
    /// (<c>System.Runtime</c>, <c>Microsoft.AspNetCore.Hosting</c>) or with <c>*</c> wildcards
    /// (<c>MyCompany.*</c>). A meter of our own <see cref="MetricFactory"/> is never aggregated, even when
    /// it matches, so its instruments are not exposed twice.
    /// </summary>
    public IList<string> Meters { get; } = [];

    /// <summary>
    /// The <see cref="IMeterFactory"/> of the host this source exports for, or null (the default) for every
    /// meter of the process. When set, a meter created through another <see cref="IMeterFactory"/> is left out
    /// even when its name is listed: ASP.NET Core creates its meters (<c>Microsoft.AspNetCore.Hosting</c>, Kestrel,
    /// routing) through the host's factory, so two web applications in one process (or an application and the
    /// standalone metrics server) each export only their own requests. Meters created without a factory, such
    /// as <c>System.Runtime</c>, are process-wide and exported by every host.
    /// </summary>
    public IMeterFactory? MeterFactory { get; set; }

    /// <summary>
    /// The most series (distinct tag sets) kept per metric; measurements for further tag sets go to one
    /// overflow series labelled <c>otel_metric_overflow="true"</c>. Default <see cref="DefaultCardinalityLimit"/>.
    /// </summary>
    public int CardinalityLimit { get; set; } = DefaultCardinalityLimit;

    /// <summary>
    /// Whether measurements made inside a sampled <see cref="System.Diagnostics.Activity"/> may become
    /// exemplars (trace and span id), shown in OpenMetrics output. Default true, like our own instruments.
    /// It makes the SDK check the current activity and take a short lock on every measurement of a sum or
    /// gauge; turn it off where that cost matters more than exemplars.
    /// </summary>
    public bool Exemplars { get; set; } = true;

    /// <summary>
    /// Whether every series carries the labels of its meter, as the OpenTelemetry Prometheus exporter writes them:
    /// <c>otel_scope_name</c>, <c>otel_scope_version</c> (when the meter has a version) and <c>otel_scope_&lt;key&gt;</c>
    /// for each of the meter's tags. Default false: <c>otel_scope_name</c> is then written only where two meters'
    /// instruments share a family, to keep their series apart.
    /// </summary>
    public bool ScopeLabels { get; set; }

    /// <summary>
    /// Whether each collection writes a <c>target_info</c> gauge of value 1 whose labels are the OpenTelemetry
    /// resource's attributes (<c>service_name</c>, <c>telemetry_sdk_version</c>, ...), as the OpenTelemetry Prometheus
    /// exporter does. Default false.
    /// </summary>
    public bool TargetInfo { get; set; }
}
