using System.Globalization;
using System.Text;
using Instrumentation.Collection;

namespace Instrumentation.Testing;

/// <summary>
/// Looks for one series in a collection and copies out its reading, remembering what exists on the way
/// so a miss can be explained.
/// </summary>
internal sealed class SeriesFinder : IMetricsVisitor
{
    private readonly string _metricName;
    private readonly string[] _labelValues;
    private MetricFamilyDescriptor? _current;
    private bool _inTarget;

    public SeriesFinder(string metricName, string[] labelValues)
    {
        _metricName = metricName;
        _labelValues = labelValues;
    }

    /// <summary>Every family seen, as <c>name (type)</c>.</summary>
    public List<string> Families { get; } = [];

    /// <summary>The family that matched the name, or null.</summary>
    public MetricFamilyDescriptor? Family { get; private set; }

    /// <summary>Every series of the matching family, as <c>{a="x",b="y"}</c>.</summary>
    public List<string> Series { get; } = [];

    public bool Found { get; private set; }

    public double Value { get; private set; }

    public HistogramValue? Histogram { get; private set; }

    public SummaryValue? Summary { get; private set; }

    public void BeginFamily(MetricFamilyDescriptor family)
    {
        ArgumentNullException.ThrowIfNull(family);
        _current = family;
        var wireName = family.Type == MetricType.Counter ? family.Name + "_total" : family.Name;
        Families.Add($"{wireName} ({family.Type.ToString().ToLowerInvariant()})");
        _inTarget = Family is null && (family.Name == _metricName || wireName == _metricName);
        if (_inTarget)
        {
            Family = family;
        }
    }

    public void WriteCounter(MetricLabels labels, double value, double createdUnixSeconds, Exemplar? exemplar)
    {
        if (Matches(labels))
        {
            Value = value;
        }
    }

    public void WriteGauge(MetricLabels labels, double value)
    {
        if (Matches(labels))
        {
            Value = value;
        }
    }

    public void WriteHistogram(MetricLabels labels, HistogramPoint point)
    {
        if (!Matches(labels))
        {
            return;
        }

        var buckets = new HistogramBucket[point.CumulativeCounts.Length];
        for (var i = 0; i < buckets.Length; i++)
        {
            var bound = i < point.UpperBounds.Length ? point.UpperBounds[i] : double.PositiveInfinity;
            buckets[i] = new HistogramBucket(bound, point.CumulativeCounts[i]);
        }

        Histogram = new HistogramValue(point.Count, point.Sum, buckets);
    }

    public void WriteSummary(MetricLabels labels, SummaryPoint point)
    {
        if (!Matches(labels))
        {
            return;
        }

        var quantiles = new SummaryQuantile[point.Quantiles.Length];
        for (var i = 0; i < quantiles.Length; i++)
        {
            quantiles[i] = new SummaryQuantile(point.Quantiles[i], point.Values[i]);
        }

        Summary = new SummaryValue(point.Count, point.Sum, quantiles);
    }

    public void EndFamily()
    {
        _current = null;
        _inTarget = false;
    }

    /// <summary>Formats label values the way a caller passes them, for messages: <c>("GET", "200")</c>.</summary>
    public static string DescribeValues(string[] values) =>
        values.Length == 0 ? "() (no labels)" : "(" + string.Join(", ", values.Select(v => "\"" + v + "\"")) + ")";

    private bool Matches(MetricLabels labels)
    {
        if (!_inTarget || _current is null)
        {
            return false;
        }

        Series.Add(Describe(labels));
        if (Found || !labels.Values.SequenceEqual(_labelValues))
        {
            return false;
        }

        Found = true;
        return true;
    }

    private static string Describe(MetricLabels labels)
    {
        var text = new StringBuilder("{");
        for (var i = 0; i < labels.Count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            text.Append(CultureInfo.InvariantCulture, $"{labels.Names[i]}=\"{labels.Values[i]}\"");
        }

        return text.Append('}').ToString();
    }
}
