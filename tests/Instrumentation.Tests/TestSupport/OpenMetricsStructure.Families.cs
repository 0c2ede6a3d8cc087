namespace Instrumentation.Tests.TestSupport;

/// <summary>The rules that need more than one line: name claims, label placement, values and histogram series.</summary>
public static partial class OpenMetricsStructure
{
    /// <summary>The sample names each type claims besides the family name, as the Python parser's build_metric does.</summary>
    private static readonly Dictionary<string, string[]> ClaimedSuffixesByType = new(StringComparer.Ordinal)
    {
        ["counter"] = ["_total", "_created"],
        ["gauge"] = [],
        ["histogram"] = ["_bucket", "_sum", "_count", "_created"],
        ["summary"] = ["_sum", "_count", "_created"],
    };

    /// <summary>One sample of the family being read: the suffix after the family name, its value, its <c>le</c> (NaN
    /// when not a bucket or not canonical) and its group (the label set shared by one histogram's or summary's samples).</summary>
    private sealed record FamilySample(int LineNumber, string Line, string Suffix, Dictionary<string, string> Labels, double Value, double Le, string Group);

    /// <summary>Claims the family name and its type's sample names; a name another family claimed is a clash.</summary>
    private static void ClaimNames(string family, string type, Dictionary<string, string> claims, Action<string> problem)
    {
        foreach (var suffix in ClaimedSuffixesByType.GetValueOrDefault(type, []).Prepend(""))
        {
            var name = family + suffix;
            if (!claims.TryAdd(name, family))
            {
                problem($"Clashing name '{name}': claimed by family '{claims[name]}' and family '{family}'.");
            }
        }
    }

    /// <summary>
    /// <c>le</c> belongs to histogram buckets and <c>quantile</c> to summary quantile samples. A histogram's
    /// <c>_sum</c>, <c>_count</c> or <c>_created</c> carrying <c>le</c> (or a summary's carrying
    /// <c>quantile</c>) is a problem: the Python parser then finds two groups, one without a +Inf bucket or
    /// one interleaved. A second <c>le</c> on a bucket is a duplicate label name, reported by the label rules.
    /// Counters and gauges may carry labels named <c>le</c> or <c>quantile</c>, and so may a histogram carry
    /// <c>quantile</c> and a summary <c>le</c>: the Python parser groups them as ordinary labels, Prometheus
    /// 2.42 stores them as ordinary labels, and client_golang reserves only <c>le</c> for histograms and
    /// <c>quantile</c> for summaries. So they are not flagged.
    /// </summary>
    private static List<string> LabelPlacementProblems(string type, string suffix, Dictionary<string, string> labels)
    {
        var problems = new List<string>();
        if (type == "histogram" && suffix != "_bucket" && labels.ContainsKey("le"))
        {
            problems.Add($"le label on a histogram's {suffix} sample; only _bucket samples carry le.");
        }

        if (type == "summary" && suffix != "" && labels.ContainsKey("quantile"))
        {
            problems.Add($"quantile label on a summary's {suffix} sample; only quantile samples carry quantile.");
        }

        return problems;
    }

    /// <summary>Counter-like samples are never NaN or negative; summary quantiles are never negative (NaN is allowed: an empty window).</summary>
    private static List<string> ValueProblems(string? type, string suffix, double value)
    {
        var problems = new List<string>();
        if (type is "counter" or "histogram" or "summary" && suffix is "_total" or "_bucket" or "_count" or "_sum")
        {
            if (double.IsNaN(value))
            {
                problems.Add($"counter-like {suffix} sample is NaN.");
            }
            else if (value < 0)
            {
                problems.Add($"counter-like {suffix} sample is negative.");
            }
        }

        if (type == "summary" && suffix == "" && value < 0)
        {
            problems.Add("quantile value is negative.");
        }

        return problems;
    }

    /// <summary>The labels a histogram's or summary's samples of one series share: all but a bucket's le and a quantile sample's quantile.</summary>
    private static string GroupKey(string type, string suffix, Dictionary<string, string> labels) => (type, suffix) switch
    {
        ("histogram", "_bucket") => ExpositionSyntax.GroupKey(labels, "le"),
        ("summary", "") => ExpositionSyntax.GroupKey(labels, "quantile"),
        _ => ExpositionSyntax.GroupKey(labels, null),
    };

    /// <summary>Runs the checks that need all of a family's samples; only histograms have any.</summary>
    private static void CheckFamily(string? type, List<FamilySample> samples, List<string> problems)
    {
        if (type != "histogram")
        {
            return;
        }

        foreach (var group in samples.GroupBy(s => s.Group, StringComparer.Ordinal))
        {
            CheckHistogramSeries(group.Key, group.ToList(), problems);
        }
    }

    /// <summary>
    /// One histogram series: ascending <c>le</c>, non-decreasing bucket values, a +Inf bucket equal to
    /// <c>_count</c>, <c>_sum</c> and <c>_count</c> together, and no <c>_sum</c> when a bucket's
    /// <c>le</c> is negative (the sum of observations that may be negative means nothing as a counter).
    /// </summary>
    private static void CheckHistogramSeries(string group, List<FamilySample> samples, List<string> problems)
    {
        void Problem(FamilySample sample, string message) => problems.Add(Format(sample.LineNumber, sample.Line, message));

        FamilySample? inf = null, count = null, sum = null, negative = null;
        var (lastLe, lastValue) = (double.NegativeInfinity, double.NegativeInfinity);
        foreach (var sample in samples)
        {
            switch (sample.Suffix)
            {
                case "_bucket" when !double.IsNaN(sample.Le):
                    if (sample.Le <= lastLe)
                    {
                        Problem(sample, "buckets are not in ascending order of le.");
                    }

                    if (sample.Value < lastValue)
                    {
                        Problem(sample, "bucket values decrease: a bucket counts fewer observations than the one before it.");
                    }

                    (lastLe, lastValue) = (sample.Le, sample.Value);
                    negative ??= sample.Le < 0 ? sample : null;
                    inf = double.IsPositiveInfinity(sample.Le) ? sample : inf;
                    break;
                case "_count":
                    count = sample;
                    break;
                case "_sum":
                    sum = sample;
                    break;
            }
        }

        if (inf is null)
        {
            Problem(samples[0], $"histogram series {group} has no +Inf bucket.");
        }
        else if (count is not null && count.Value != inf.Value)
        {
            Problem(count, "_count differs from the +Inf bucket.");
        }

        if (sum is not null && count is null)
        {
            Problem(sum, $"histogram series {group} has _sum but no _count.");
        }

        if (count is not null && sum is null)
        {
            Problem(count, $"histogram series {group} has _count but no _sum.");
        }

        if (sum is not null && negative is not null)
        {
            Problem(sum, $"histogram series {group} has _sum although bucket le=\"{negative.Labels["le"]}\" is negative.");
        }
    }
}
