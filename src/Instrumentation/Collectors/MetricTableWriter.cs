using System.Globalization;
using System.Text;
using Instrumentation.Collection;

namespace Instrumentation.Collectors;

/// <summary>
/// Writes a source's series as an aligned table of metric, labels and value, for people to read
/// (<c>--dry-run</c>). Counters show their <c>_total</c> series; histograms their <c>_count</c> and
/// <c>_sum</c>; summaries their quantiles, <c>_count</c> and <c>_sum</c>.
/// </summary>
internal sealed class MetricTableWriter : IMetricsVisitor
{
    private readonly List<(string Metric, string Labels, string Value)> _rows = [];
    private MetricFamilyDescriptor? _family;

    public static void Write(IMetricsSource source, TextWriter output)
    {
        var table = new MetricTableWriter();
        source.Collect(table);
        table.WriteTo(output);
    }

    public void BeginFamily(MetricFamilyDescriptor family) => _family = family;

    public void EndFamily() => _family = null;

    public void WriteCounter(MetricLabels labels, double value, double createdUnixSeconds, Exemplar? exemplar) =>
        Add("_total", Format(labels), value);

    public void WriteGauge(MetricLabels labels, double value) => Add(string.Empty, Format(labels), value);

    public void WriteHistogram(MetricLabels labels, HistogramPoint point)
    {
        var text = Format(labels);
        Add("_count", text, point.Count);
        Add("_sum", text, point.Sum);
    }

    public void WriteSummary(MetricLabels labels, SummaryPoint point)
    {
        for (var i = 0; i < point.Quantiles.Length; i++)
        {
            Add(string.Empty, Format(labels, ("quantile", Number(point.Quantiles[i]))), point.Values[i]);
        }

        var text = Format(labels);
        Add("_count", text, point.Count);
        Add("_sum", text, point.Sum);
    }

    private void WriteTo(TextWriter output)
    {
        const string MetricHeader = "METRIC", LabelsHeader = "LABELS", ValueHeader = "VALUE";
        int metricWidth = MetricHeader.Length, labelsWidth = LabelsHeader.Length;
        foreach (var (metric, labels, _) in _rows)
        {
            metricWidth = Math.Max(metricWidth, metric.Length);
            labelsWidth = Math.Max(labelsWidth, labels.Length);
        }

        output.WriteLine($"{MetricHeader.PadRight(metricWidth)}  {LabelsHeader.PadRight(labelsWidth)}  {ValueHeader}");
        foreach (var (metric, labels, value) in _rows)
        {
            output.WriteLine($"{metric.PadRight(metricWidth)}  {labels.PadRight(labelsWidth)}  {value}");
        }
    }

    private void Add(string suffix, string labels, double value)
    {
        var family = _family ?? throw new InvalidOperationException("A series was written outside any family.");
        _rows.Add((family.Name + suffix, labels, Number(value)));
    }

    private static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Format(MetricLabels labels, (string Name, string Value)? extra = null)
    {
        if (labels.Count == 0 && extra is null)
        {
            return string.Empty;
        }

        var text = new StringBuilder();
        for (var i = 0; i < labels.Count; i++)
        {
            Append(text, labels.Names[i], labels.Values[i]);
        }

        if (extra is { } label)
        {
            Append(text, label.Name, label.Value);
        }

        return text.ToString();
    }

    private static void Append(StringBuilder text, string name, string value)
    {
        if (text.Length > 0)
        {
            text.Append(',');
        }

        text.Append(name).Append("=\"").Append(value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
    }
}
