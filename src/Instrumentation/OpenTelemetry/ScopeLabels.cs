using OpenTelemetry.Metrics;

namespace Instrumentation.OpenTelemetry;

/// <summary>
/// The labels that name a series' instrumentation scope (its <see cref="System.Diagnostics.Metrics.Meter"/>), as the
/// OpenTelemetry Prometheus exporter writes them: <c>otel_scope_name</c>, <c>otel_scope_version</c> when the meter has
/// a version, and <c>otel_scope_&lt;key&gt;</c> for each of the meter's own tags. Sorted by name; immutable.
/// </summary>
internal sealed class ScopeLabels
{
    /// <summary>The label holding the meter's name.</summary>
    public const string NameLabel = "otel_scope_name";

    /// <summary>The label holding the meter's version.</summary>
    public const string VersionLabel = "otel_scope_version";

    private const string TagPrefix = "otel_scope_";

    private ScopeLabels(string[] names, string[] values)
    {
        Names = names;
        Values = values;
    }

    public string[] Names { get; }

    public string[] Values { get; }

    /// <summary>Only <c>otel_scope_name</c>: what tells apart meters whose instruments share a family.</summary>
    public static ScopeLabels NameOnly(string meterName) => new([NameLabel], [meterName]);

    /// <summary>
    /// Every scope label of <paramref name="metric"/>'s meter. A meter tag whose label would repeat another scope
    /// label (a tag named <c>name</c> or <c>version</c>, or two keys that convert alike) is left out: the meter's name
    /// and version come first, then tags in key order.
    /// </summary>
    public static ScopeLabels Of(Metric metric)
    {
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal) { [NameLabel] = metric.MeterName };
        if (!string.IsNullOrEmpty(metric.MeterVersion))
        {
            labels[VersionLabel] = metric.MeterVersion;
        }

        if (metric.MeterTags is { } tags)
        {
            var ordered = new List<KeyValuePair<string, object?>>(tags);
            ordered.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
            foreach (var tag in ordered)
            {
                if (!string.IsNullOrEmpty(tag.Key))
                {
                    labels.TryAdd(TagPrefix + PrometheusNaming.ToLabelName(tag.Key), TagValueFormatter.Format(tag.Value));
                }
            }
        }

        return new ScopeLabels([.. labels.Keys], [.. labels.Values]);
    }

    /// <summary>True when <paramref name="labelName"/> is one of these labels.</summary>
    public bool Contains(string labelName) => Array.IndexOf(Names, labelName) >= 0;
}
