using System.Globalization;
using System.Text.RegularExpressions;
using Instrumentation.TestSupport.PrometheusProtobuf;

namespace Instrumentation.Tests.TestSupport;

/// <summary>
/// What Prometheus' protobuf parser needs of a decoded exposition, checked rule by rule, and the series it
/// would make of it (the same names and labels as the text formats: <c>_bucket</c> with <c>le</c>, <c>_sum</c>,
/// <c>_count</c>, <c>quantile</c>).
/// </summary>
public static partial class ProtobufStructure
{
    /// <summary>Every rule the families break, one line each; empty when they are valid.</summary>
    public static IReadOnlyList<string> Validate(IReadOnlyList<DecodedFamily> families)
    {
        var errors = new List<string>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var family in families)
        {
            var name = family.Name ?? string.Empty;
            if (!MetricName().IsMatch(name) || name.StartsWith("__", StringComparison.Ordinal))
            {
                errors.Add($"family name '{name}' is invalid");
            }

            if (!names.Add(name))
            {
                errors.Add($"family '{name}' appears twice");
            }

            if (family.Metrics.Count == 0)
            {
                errors.Add($"family '{name}' has no metric");
            }

            var labelSets = new HashSet<string>(StringComparer.Ordinal);
            foreach (var metric in family.Metrics)
            {
                var labelNames = metric.Labels.Select(l => l.Key).ToList();
                if (labelNames.Distinct(StringComparer.Ordinal).Count() != labelNames.Count)
                {
                    errors.Add($"family '{name}' has a metric with a repeated label name");
                }

                foreach (var label in labelNames)
                {
                    if (!LabelName().IsMatch(label) || label.StartsWith("__", StringComparison.Ordinal)
                        || (family.Type == DecodedFamily.Histogram && label == "le")
                        || (family.Type == DecodedFamily.Summary && label == "quantile"))
                    {
                        errors.Add($"family '{name}' has label name '{label}', which is invalid or reserved");
                    }
                }

                if (!labelSets.Add(string.Join('\u0001', metric.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Key + "\u0002" + l.Value))))
                {
                    errors.Add($"family '{name}' has two metrics with the same labels");
                }

                var carried = new object?[] { metric.Counter, metric.Gauge, metric.Summary, metric.Histogram, metric.Untyped }.Count(v => v is not null);
                var expected = family.Type switch
                {
                    DecodedFamily.Counter => metric.Counter is not null,
                    DecodedFamily.Gauge => metric.Gauge is not null,
                    DecodedFamily.Summary => metric.Summary is not null,
                    DecodedFamily.Histogram => metric.Histogram is not null,
                    _ => false,
                };
                if (carried != 1 || !expected)
                {
                    errors.Add($"family '{name}' of type {family.Type} has a metric carrying the wrong value message");
                }

                if (metric.Counter is { Value: var value } && !(value >= 0))
                {
                    errors.Add($"counter '{name}' has value {value}");
                }

                if (metric.Histogram is { } histogram)
                {
                    var previous = 0UL;
                    var bound = double.NegativeInfinity;
                    foreach (var bucket in histogram.Buckets)
                    {
                        if (bucket.CumulativeCount < previous || !(bucket.UpperBound > bound))
                        {
                            errors.Add($"histogram '{name}' has buckets out of order");
                        }

                        previous = bucket.CumulativeCount ?? 0;
                        bound = bucket.UpperBound ?? double.NaN;
                    }

                    if (histogram.SampleCount < previous)
                    {
                        errors.Add($"histogram '{name}' counts fewer samples than its buckets");
                    }
                }
            }
        }

        return errors;
    }

    /// <summary>The series Prometheus makes of the families, each as <c>name{a="x",b="y"}</c> with labels sorted.</summary>
    public static IReadOnlyList<string> SeriesOf(IReadOnlyList<DecodedFamily> families)
    {
        var series = new List<string>();
        foreach (var family in families)
        {
            foreach (var metric in family.Metrics)
            {
                var name = family.Name!;
                switch (family.Type)
                {
                    case DecodedFamily.Histogram:
                        foreach (var bucket in metric.Histogram!.Buckets)
                        {
                            series.Add(Series(name + "_bucket", metric.Labels, ("le", Format(bucket.UpperBound!.Value))));
                        }

                        series.Add(Series(name + "_sum", metric.Labels));
                        series.Add(Series(name + "_count", metric.Labels));
                        break;
                    case DecodedFamily.Summary:
                        foreach (var quantile in metric.Summary!.Quantiles)
                        {
                            series.Add(Series(name, metric.Labels, ("quantile", Format(quantile.Quantile!.Value))));
                        }

                        series.Add(Series(name + "_sum", metric.Labels));
                        series.Add(Series(name + "_count", metric.Labels));
                        break;
                    default:
                        series.Add(Series(name, metric.Labels));
                        break;
                }
            }
        }

        return series;
    }

    /// <summary>The same rendering for the samples of a parsed text exposition.</summary>
    public static IReadOnlyList<string> SeriesOf(ParsedExposition text) =>
        text.Samples.Select(s =>
        {
            var le = s.Label("le");
            var quantile = s.Label("quantile");
            var others = s.Labels.Where(l => l.Key is not "le" and not "quantile").ToList();
            return le is not null ? Series(s.Name, others, ("le", Format(Parse(le))))
                : quantile is not null ? Series(s.Name, others, ("quantile", Format(Parse(quantile))))
                : Series(s.Name, others);
        }).ToList();

    private static double Parse(string number) => number switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        _ => double.Parse(number, CultureInfo.InvariantCulture),
    };

    private static string Format(double number) => number.ToString("R", CultureInfo.InvariantCulture);

    private static string Series(string name, IEnumerable<KeyValuePair<string, string>> labels, (string Name, string Value)? extra = null)
    {
        var all = labels.Select(l => (l.Key, l.Value)).ToList();
        if (extra is { } pair)
        {
            all.Add(pair);
        }

        return name + "{" + string.Join(",", all.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}=\"{l.Value}\"")) + "}";
    }

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
    private static partial Regex MetricName();

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")]
    private static partial Regex LabelName();
}
