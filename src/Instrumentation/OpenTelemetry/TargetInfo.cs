using Instrumentation.Collection;
using OpenTelemetry.Resources;

namespace Instrumentation.OpenTelemetry;

/// <summary>
/// The <c>target_info</c> family of the OpenTelemetry to Prometheus compatibility rules: one gauge series of value 1
/// whose labels are the provider's resource attributes (<c>service.name</c> becomes <c>service_name</c>), as the
/// OpenTelemetry Prometheus exporter writes it. Immutable; built once per provider.
/// </summary>
internal sealed class TargetInfo
{
    /// <summary>The family's name.</summary>
    public const string FamilyName = "target_info";

    private static readonly MetricFamilyDescriptor Descriptor = new(FamilyName, "Target metadata", string.Empty, MetricType.Gauge);

    private readonly string[] _names;
    private readonly string[] _values;

    private TargetInfo(string[] names, string[] values)
    {
        _names = names;
        _values = values;
    }

    /// <summary>
    /// The family of <paramref name="resource"/>, or null when it has no attributes (nothing to say). Attribute keys
    /// that convert to one label name become one label whose values are joined by <c>;</c> in key order, as tags do.
    /// </summary>
    public static TargetInfo? From(Resource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var attributes = new List<KeyValuePair<string, object>>();
        foreach (var attribute in resource.Attributes)
        {
            if (!string.IsNullOrEmpty(attribute.Key))
            {
                attributes.Add(attribute);
            }
        }

        if (attributes.Count == 0)
        {
            return null;
        }

        attributes.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var attribute in attributes)
        {
            var name = PrometheusNaming.ToLabelName(attribute.Key);
            var value = TagValueFormatter.Format(attribute.Value);
            labels[name] = labels.TryGetValue(name, out var earlier) ? earlier + ";" + value : value;
        }

        return new TargetInfo([.. labels.Keys], [.. labels.Values]);
    }

    /// <summary>Writes the family, one series of value 1.</summary>
    public void Write(IMetricsVisitor visitor)
    {
        visitor.BeginFamily(Descriptor);
        visitor.WriteGauge(new MetricLabels(_names, _values), 1);
        visitor.EndFamily();
    }
}
