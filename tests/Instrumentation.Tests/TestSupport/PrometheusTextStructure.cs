using System.Text.RegularExpressions;

namespace Instrumentation.Tests.TestSupport;

/// <summary>
/// Checks Prometheus text format 0.0.4 as its two readers read it: promtool (client_golang's expfmt text
/// parser) and Prometheus 2.42's scrape parser (textparse.PromParser). Where they differ, the stricter one
/// decides: label values escape only <c>\\</c>, <c>\"</c> and <c>\n</c>, HELP text only <c>\\</c> and
/// <c>\n</c> (expfmt); a timestamp is digits only, a TYPE line names a type and no blank leads a sample
/// line (PromParser). HELP and TYPE lines must have the single-space form <c># TYPE name type</c>.
/// On top of the grammar, the rules of the format document and of Prometheus' storage: one TYPE and one
/// HELP per family, both before its samples; a family's lines contiguous; label names unique and not
/// reserved; no duplicate series; histogram buckets with a numeric <c>le</c> and a +Inf bucket equal to
/// <c>_count</c>; summary quantile samples with a numeric <c>quantile</c>; and no two families claiming
/// one sample name. Values may be any float, NaN and infinities included: the format has no sign rule.
/// Our library's own rule for counters is apart, in <see cref="ValidateCounterValues"/>.
/// </summary>
public static partial class PrometheusTextStructure
{
    private static readonly HashSet<string> Types = new(StringComparer.Ordinal) { "counter", "gauge", "histogram", "summary", "untyped" };

    /// <summary>Returns the problems found, each with its line number; empty when the text is valid.</summary>
    public static List<string> Validate(string text)
    {
        var problems = new List<string>();
        var samples = Scan(text, problems);
        foreach (var family in samples.Where(s => s.Family.Type == "histogram").GroupBy(s => s.Family))
        {
            foreach (var series in family.GroupBy(s => s.Group, StringComparer.Ordinal))
            {
                CheckHistogramSeries(series.Key, series.ToList(), problems);
            }
        }

        return problems;
    }

    /// <summary>
    /// Our library's policy, not the format's: a counter's value is never NaN or negative. Returns a problem
    /// for each such sample of a counter family (in our output, the <c>_total</c> samples); lines that do
    /// not parse are left to <see cref="Validate"/>.
    /// </summary>
    public static List<string> ValidateCounterValues(string text)
    {
        var problems = new List<string>();
        foreach (var sample in Scan(text, []).Where(s => s.Family.Type == "counter"))
        {
            if (double.IsNaN(sample.Value) || sample.Value < 0)
            {
                problems.Add(Format(sample.LineNumber, sample.Line, "counter value is NaN or negative."));
            }
        }

        return problems;
    }

    /// <summary>Reads every line, reports the problems one line shows, and returns the samples that parsed.</summary>
    private static List<TextSample> Scan(string text, List<string> problems)
    {
        if (text.Length > 0 && !text.EndsWith('\n'))
        {
            problems.Add("The exposition does not end with a line feed.");
        }

        var lines = text.Split('\n');
        var families = new Dictionary<string, Family>(StringComparer.Ordinal);
        var claims = new Dictionary<string, string>(StringComparer.Ordinal);
        var left = new HashSet<Family>();
        var seriesLines = new Dictionary<string, int>(StringComparer.Ordinal);
        var samples = new List<TextSample>();
        Family? current = null;

        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n];
            void Problem(string message) => problems.Add(Format(n + 1, line, message));

            if (line.Trim(' ', '\t').Length == 0)
            {
                continue;
            }

            void Enter(Family family)
            {
                if (family == current)
                {
                    return;
                }

                if (current is not null)
                {
                    left.Add(current);
                }

                if (left.Contains(family))
                {
                    Problem($"lines of family '{family.Name}' are not contiguous: another family's lines came between.");
                }

                current = family;
            }

            if (line.TrimStart(' ', '\t').StartsWith('#'))
            {
                if (!DescriptorStart().IsMatch(line))
                {
                    continue;
                }

                var descriptor = DescriptorLine().Match(line);
                if (!descriptor.Success)
                {
                    Problem("malformed line: expected '# HELP name text' or '# TYPE name type'.");
                    continue;
                }

                var (kind, name, rest) = (descriptor.Groups[1].Value, descriptor.Groups[2].Value, descriptor.Groups[3].Value);
                var family = GetOrCreate(families, claims, name, Problem);
                Enter(family);
                CheckDescriptor(family, kind, rest, claims, Problem);
                continue;
            }

            if (!TryParseSample(line, out var sampleName, out var labelList, out var value, out var error))
            {
                Problem(error);
                continue;
            }

            var (owner, suffix) = Resolve(families, sampleName);
            owner ??= GetOrCreate(families, claims, sampleName, Problem);
            Enter(owner);
            owner.SeenSample = true;
            ExpositionSyntax.LabelNameProblems(labelList).ToList().ForEach(Problem);
            var labels = ExpositionSyntax.ToDictionary(labelList);

            var seriesKey = ExpositionSyntax.SeriesKey(sampleName, labels);
            if (!seriesLines.TryAdd(seriesKey, n + 1))
            {
                Problem($"duplicate series {seriesKey}, first on line {seriesLines[seriesKey]}.");
            }

            var le = double.NaN;
            var group = ExpositionSyntax.GroupKey(labels, null);
            switch (owner.Type, suffix)
            {
                case ("histogram", "_bucket"):
                    group = ExpositionSyntax.GroupKey(labels, "le");
                    if (!labels.TryGetValue("le", out var leText) || !ExpositionSyntax.TryParseGoFloat(leText, out le) || double.IsNaN(le))
                    {
                        Problem("bucket without a numeric le label.");
                        le = double.NaN;
                    }

                    break;
                case ("histogram", ""):
                    Problem($"'{sampleName}' is not a sample name of histogram family '{owner.Name}' (_bucket, _sum or _count).");
                    break;
                case ("summary", ""):
                    group = ExpositionSyntax.GroupKey(labels, "quantile");
                    if (!labels.TryGetValue("quantile", out var quantile) || !ExpositionSyntax.TryParseGoFloat(quantile, out _))
                    {
                        Problem("quantile sample without a numeric quantile label.");
                    }

                    break;
            }

            if ((owner.Type == "histogram" && suffix != "_bucket" && labels.ContainsKey("le"))
                || (owner.Type == "summary" && suffix != "" && labels.ContainsKey("quantile")))
            {
                // expfmt takes le (quantile) as the bucket bound (the quantile), not as a label, on every
                // sample of a histogram (summary): on _sum or _count the label would vanish.
                Problem($"{(owner.Type == "histogram" ? "le" : "quantile")} label on a {owner.Type}'s {suffix} sample.");
            }

            samples.Add(new TextSample(n + 1, line, owner, suffix, labels, value, le, group));
        }

        return samples;
    }

    private static string Format(int lineNumber, string line, string message) => $"line {lineNumber} '{line}': {message}";

    [GeneratedRegex(@"^[ \t]*#[ \t]*(?:HELP|TYPE)(?:[ \t]|$)")]
    private static partial Regex DescriptorStart();

    [GeneratedRegex(@"^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*)(?: (.*))?$")]
    private static partial Regex DescriptorLine();

    [GeneratedRegex(@"^[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex MetricName();

    [GeneratedRegex(@"^([^ \t{]+)(?:[ \t]+([0-9]+))?$")]
    private static partial Regex ValueAndTimestamp();
}
