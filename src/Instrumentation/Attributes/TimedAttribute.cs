namespace Instrumentation;

/// <summary>
/// Records how long each call takes, in seconds, into a histogram (the default) or a summary.
/// Metadata only: what applies it to ASP.NET Core endpoints (minimal API handlers and MVC actions) is
/// Instrumentation.AspNetCore, as soon as <c>builder.AddMetrics()</c> is called on a <c>WebApplicationBuilder</c>
/// (or where the app calls <c>app.UseEndpointMetrics()</c>), and for DI services the source generator; on a class
/// or interface it applies to every handler or method the type declares, and an attribute on the method itself wins.
/// </summary>
/// <remarks>
/// Without a <see cref="Name"/>, all timed endpoints share <see cref="DefaultEndpointName"/> (labels
/// <c>method</c>, <c>route</c>, <c>status_code</c>) and all timed service methods share
/// <see cref="DefaultServiceName"/> (labels <c>class</c>, <c>method</c>, <c>exception</c>). Sites that share a
/// name must agree on kind, buckets or quantiles and <see cref="ExtraLabels"/>: the first one decides, and a
/// site that disagrees is logged once and not recorded.
/// </remarks>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class | AttributeTargets.Interface, AllowMultiple = false, Inherited = true)]
public sealed class TimedAttribute : Attribute
{
    /// <summary>The metric every unnamed <c>[Timed]</c> endpoint records into.</summary>
    public const string DefaultEndpointName = "http_request_duration_seconds";

    /// <summary>The metric every unnamed <c>[Timed]</c> service method records into.</summary>
    public const string DefaultServiceName = "method_duration_seconds";

    /// <summary>The help text of <see cref="DefaultEndpointName"/>.</summary>
    public const string DefaultEndpointHelp = "Duration of HTTP requests handled by [Timed] endpoints, in seconds";

    /// <summary>The help text of <see cref="DefaultServiceName"/>.</summary>
    public const string DefaultServiceHelp = "Duration of [Timed] method calls, in seconds";

    /// <summary>Times into the shared default metric of the target's kind.</summary>
    public TimedAttribute()
    {
    }

    /// <summary>Times into a metric of its own: <c>[Timed("http_latency", "HTTP latency")]</c>.</summary>
    /// <param name="name">The metric name.</param>
    /// <param name="help">What the metric measures.</param>
    public TimedAttribute(string name, string help)
    {
        Name = name;
        Help = help;
    }

    /// <summary>The metric name, or null for the default of the target's kind.</summary>
    public string? Name { get; set; }

    /// <summary>The help text, or null for a default one.</summary>
    public string? Help { get; set; }

    /// <summary>Histogram (default), native histogram or summary. Setting <see cref="Quantiles"/> chooses a summary too.</summary>
    public TimedKind Kind { get; set; }

    /// <summary>The quantiles of a summary, for example <c>new[] { 0.5, 0.9, 0.99 }</c>; setting them makes the metric a summary.</summary>
    public double[]? Quantiles { get; set; }

    /// <summary>The bucket layout of a histogram when <see cref="Buckets"/> is not set.</summary>
    public DurationBucketPreset BucketPreset { get; set; }

    /// <summary>
    /// Custom histogram bucket upper bounds in seconds, ascending; they win over <see cref="BucketPreset"/>. For a
    /// <see cref="TimedKind.NativeHistogram"/>, the classic buckets kept alongside (none when not set).
    /// </summary>
    public double[]? Buckets { get; set; }

    /// <summary>
    /// Constant labels as name/value pairs, added after the default labels:
    /// <c>ExtraLabels = new[] { "team", "fruit" }</c> adds <c>team="fruit"</c>.
    /// </summary>
    public string[]? ExtraLabels { get; set; }
}
