using Instrumentation.Collection;
using Instrumentation.Naming;

namespace Instrumentation.Exposition;

/// <summary>
/// What a family name, a label set and a point must be for every exposition format to carry them
/// (Prometheus text 0.0.4 and OpenMetrics 1.0, as Prometheus and the reference parsers read them).
/// </summary>
internal static class SeriesRules
{
    private const int MaxExemplarLabelCharacters = 128;

    /// <summary>
    /// A valid metric name that does not start with the reserved <c>__</c>, and whose series names do not either
    /// (a counter, histogram or summary named <c>_</c> would write <c>__total</c>, <c>__bucket</c>, <c>__sum</c>).
    /// </summary>
    public static bool IsValidFamilyName(string name, MetricType type) =>
        MetricNameRules.IsValidMetricName(name)
        && !name.StartsWith("__", StringComparison.Ordinal)
        && !(name == "_" && type != MetricType.Gauge);

    /// <summary>
    /// True when every label name is valid, does not start with <c>__</c>, appears once, and is not the one the
    /// writer adds itself for <paramref name="type"/> (<c>le</c> on histograms, <c>quantile</c> on summaries).
    /// </summary>
    public static bool IsValidLabelSet(MetricLabels labels, MetricType type)
    {
        var names = labels.Names;
        var reserved = type switch
        {
            MetricType.Histogram => "le",
            MetricType.Summary => "quantile",
            _ => null,
        };

        for (var i = 0; i < names.Length; i++)
        {
            var name = names[i];
            if (!MetricNameRules.IsValidLabelName(name)
                || (name.Length > 1 && name[0] == '_' && name[1] == '_')
                || string.Equals(name, reserved, StringComparison.Ordinal))
            {
                return false;
            }

            for (var j = 0; j < i; j++)
            {
                if (string.Equals(names[j], name, StringComparison.Ordinal))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>
    /// True when <paramref name="unit"/> is not empty and <paramref name="name"/> ends with <c>_</c> and it: the only case
    /// where OpenMetrics allows a unit (Prometheus rejects the scrape otherwise), and the protobuf writer follows it.
    /// </summary>
    public static bool HasUnitSuffix(string name, string unit) =>
        unit.Length > 0
        && name.Length > unit.Length + 1
        && name.EndsWith(unit, StringComparison.Ordinal)
        && name[name.Length - unit.Length - 1] == '_';

    /// <summary>
    /// True when the exemplar's label names and values (<c>trace_id</c>, <c>span_id</c>) fit OpenMetrics' limit of
    /// 128 characters; one that does not is left out of every format that carries exemplars.
    /// </summary>
    public static bool FitsExemplarLabelLimit(Exemplar exemplar) =>
        "trace_id".Length + exemplar.TraceId.Length + "span_id".Length + exemplar.SpanId.Length <= MaxExemplarLabelCharacters;

    /// <summary>A counter's total is neither negative nor NaN (OpenMetrics: a counter is non-NaN and starts from 0).</summary>
    public static bool IsValidCounterValue(double value) => value >= 0;

    /// <summary>Bounds ascending and not NaN, counts non-negative and cumulative (the +Inf count last).</summary>
    public static bool IsValidHistogram(HistogramPoint point)
    {
        var bounds = point.UpperBounds;
        for (var i = 0; i < bounds.Length; i++)
        {
            if (double.IsNaN(bounds[i]) || double.IsPositiveInfinity(bounds[i]) || (i > 0 && !(bounds[i] > bounds[i - 1])))
            {
                return false;
            }
        }

        var counts = point.CumulativeCounts;
        var previous = 0L;
        foreach (var count in counts)
        {
            if (count < previous)
            {
                return false;
            }

            previous = count;
        }

        return true;
    }

    /// <summary>Quantiles ascending within [0, 1] and a non-negative count.</summary>
    public static bool IsValidSummary(SummaryPoint point)
    {
        var quantiles = point.Quantiles;
        for (var i = 0; i < quantiles.Length; i++)
        {
            if (!(quantiles[i] >= 0 && quantiles[i] <= 1) || (i > 0 && !(quantiles[i] > quantiles[i - 1])))
            {
                return false;
            }
        }

        return point.Count >= 0;
    }
}
