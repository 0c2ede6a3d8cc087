using System.Globalization;
using System.Text.RegularExpressions;

namespace Instrumentation.Tests.TestSupport;

/// <summary>
/// Checks OpenMetrics 1.0 text against the rules of the specification that a reader of the whole text can
/// check (promtool only reads Prometheus text): the ABNF of every line, descriptors before samples,
/// sample names per type, no interleaving, canonical and ascending <c>le</c>, +Inf bucket equal to
/// <c>_count</c>, integral counts, exemplars only where allowed, and the final <c># EOF</c>; and the
/// rules the reference Python client's strict parser (prometheus_client.openmetrics.parser) and Prometheus
/// enforce: label names valid, unique and not reserved, <c>le</c> and <c>quantile</c> only where they
/// belong, no duplicate series, counter-like values neither NaN nor negative, complete histograms, and no
/// two families claiming one sample name. Where this is stricter than the Python parser, the rule says so.
/// </summary>
public static partial class OpenMetricsStructure
{
    private static readonly Dictionary<string, string[]> SuffixesByType = new(StringComparer.Ordinal)
    {
        ["counter"] = ["_total", "_created"],
        ["gauge"] = [""],
        ["histogram"] = ["_bucket", "_sum", "_count", "_created"],
        ["summary"] = ["", "_sum", "_count", "_created"],
    };

    /// <summary>Returns the problems found, each with its line number; empty when the text is valid.</summary>
    public static List<string> Validate(string text)
    {
        var problems = new List<string>();
        if (!text.EndsWith("# EOF\n", StringComparison.Ordinal))
        {
            problems.Add("The exposition does not end with '# EOF\\n'.");
        }

        if (text.Contains('\r', StringComparison.Ordinal))
        {
            problems.Add("The exposition contains a carriage return.");
        }

        var lines = text.Split('\n');
        var families = new HashSet<string>(StringComparer.Ordinal);
        var claims = new Dictionary<string, string>(StringComparer.Ordinal);
        var seriesLines = new Dictionary<string, int>(StringComparer.Ordinal);
        var samples = new List<FamilySample>();
        string? family = null;
        string? type = null;
        var seenSample = false;
        var finishedGroups = new HashSet<string>(StringComparer.Ordinal);
        string? currentGroup = null;

        for (var n = 0; n < lines.Length - 1; n++)
        {
            var line = lines[n];
            void Problem(string message) => problems.Add(Format(n + 1, line, message));

            if (line == "# EOF")
            {
                if (n != lines.Length - 2)
                {
                    Problem("# EOF is not the last line.");
                }

                continue;
            }

            var descriptor = DescriptorLine().Match(line);
            if (descriptor.Success)
            {
                var (kind, name, rest) = (descriptor.Groups[1].Value, descriptor.Groups[2].Value, descriptor.Groups[3].Value);
                if (kind == "TYPE")
                {
                    CheckFamily(type, samples, problems);
                    samples.Clear();
                    if (!families.Add(name))
                    {
                        Problem($"family '{name}' appears twice.");
                    }
                    else
                    {
                        ClaimNames(name, rest, claims, Problem);
                    }

                    if (!SuffixesByType.ContainsKey(rest))
                    {
                        Problem($"unknown type '{rest}'.");
                    }

                    if (name.StartsWith("__", StringComparison.Ordinal))
                    {
                        // Stricter than the Python parser, which accepts it; names starting with "__" are
                        // reserved for Prometheus' internal use.
                        Problem($"metric name '{name}' is reserved (starts with '__').");
                    }

                    (family, type, seenSample, currentGroup) = (name, rest, false, null);
                    finishedGroups.Clear();
                }
                else if (name != family || seenSample)
                {
                    Problem("descriptor does not follow its family's TYPE line before the samples.");
                }
                else if (kind == "UNIT" && !name.EndsWith("_" + rest, StringComparison.Ordinal))
                {
                    Problem("the unit is not a suffix of the family name.");
                }
                else if (kind == "HELP" && !IsEscapedString(rest))
                {
                    Problem("HELP text has an invalid escape.");
                }

                continue;
            }

            if (!TryParseSample(line, out var sampleName, out var labelList, out var value, out var exemplar, out var error))
            {
                Problem(error);
                continue;
            }

            seenSample = true;
            if (family is null || type is null)
            {
                Problem("sample before any TYPE line.");
                continue;
            }

            var suffix = SuffixesByType.GetValueOrDefault(type, [""]).FirstOrDefault(s => sampleName == family + s);
            if (suffix is null)
            {
                Problem($"'{sampleName}' is not a sample name of {type} family '{family}'.");
                continue;
            }

            if (exemplar && !(type == "counter" && suffix == "_total") && !(type == "histogram" && suffix == "_bucket"))
            {
                Problem("exemplar on a sample that cannot carry one.");
            }

            ExpositionSyntax.LabelNameProblems(labelList).ToList().ForEach(Problem);
            var labels = ExpositionSyntax.ToDictionary(labelList);
            LabelPlacementProblems(type, suffix, labels).ForEach(Problem);

            // Stricter than the Python parser, which silently keeps one of two consecutive equal series;
            // Prometheus drops the second sample as a "duplicate sample for timestamp".
            var seriesKey = ExpositionSyntax.SeriesKey(sampleName, labels);
            if (!seriesLines.TryAdd(seriesKey, n + 1))
            {
                Problem($"duplicate series {seriesKey}, first on line {seriesLines[seriesKey]}.");
            }

            var group = GroupKey(type, suffix, labels);
            if (group != currentGroup)
            {
                if (currentGroup is not null)
                {
                    finishedGroups.Add(currentGroup);
                }

                if (finishedGroups.Contains(group))
                {
                    Problem("series of the family are interleaved.");
                }

                currentGroup = group;
            }

            if (suffix is "_bucket" or "_count" && !IntegerNumber().IsMatch(value))
            {
                Problem("a count must be an integer.");
            }

            var le = double.NaN;
            if (suffix == "_bucket" && (!labels.TryGetValue("le", out var leText) || !IsCanonical(leText, out le)))
            {
                Problem("bucket without a canonical le label.");
                le = double.NaN;
            }

            if (type == "summary" && suffix == ""
                && (!labels.TryGetValue("quantile", out var q) || !IsCanonical(q, out var quantile) || quantile is < 0 or > 1))
            {
                Problem("quantile sample without a canonical quantile label between 0 and 1.");
            }

            var number = ParseNumber(value);
            ValueProblems(type, suffix, number).ForEach(Problem);
            samples.Add(new FamilySample(n + 1, line, suffix, labels, number, le, group));
        }

        CheckFamily(type, samples, problems);
        return problems;
    }

    private static string Format(int lineNumber, string line, string message) => $"line {lineNumber} '{line}': {message}";

    private static bool TryParseSample(string line, out string name, out List<KeyValuePair<string, string>> labels, out string value, out bool exemplar, out string error)
    {
        (labels, value, exemplar, error) = ([], "", false, "");
        var match = MetricName().Match(line);
        name = match.Value;
        if (!match.Success)
        {
            error = "not a descriptor and not a sample.";
            return false;
        }

        var position = name.Length;
        if (position < line.Length && line[position] == '{' && !ExpositionSyntax.TryParseLabels(line, ref position, lenient: false, labels, out error))
        {
            return false;
        }

        var rest = line[position..];
        var parts = rest.Split(" # ", 2);
        var sample = SampleValue().Match(parts[0]);
        if (!sample.Success)
        {
            error = $"bad value part '{parts[0]}'.";
            return false;
        }

        value = sample.Groups[1].Value;
        if (parts.Length == 2)
        {
            exemplar = true;
            var exemplarPosition = 0;
            var exemplarLabels = new List<KeyValuePair<string, string>>();
            if (!parts[1].StartsWith('{') || !ExpositionSyntax.TryParseLabels(parts[1], ref exemplarPosition, lenient: false, exemplarLabels, out error))
            {
                error = "bad exemplar labels. " + error;
                return false;
            }

            // A repeated name the Python parser refuses too; a "__" name it accepts (stricter here).
            var exemplarNameProblem = ExpositionSyntax.LabelNameProblems(exemplarLabels).FirstOrDefault();
            if (exemplarNameProblem is not null)
            {
                error = "exemplar: " + exemplarNameProblem;
                return false;
            }

            if (exemplarLabels.Sum(l => l.Key.Length + l.Value.Length) > 128)
            {
                error = "exemplar labels longer than 128 characters.";
                return false;
            }

            if (!ExemplarValue().IsMatch(parts[1][exemplarPosition..]))
            {
                error = "bad exemplar value or timestamp.";
                return false;
            }
        }

        return true;
    }

    private static bool IsEscapedString(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                if (i + 1 >= text.Length || text[i + 1] is not ('\\' or '"' or 'n'))
                {
                    return false;
                }

                i++;
            }
        }

        return true;
    }

    /// <summary>Canonical as the specification's examples show: +Inf, or Go %g with a point or exponent.</summary>
    private static bool IsCanonical(string text, out double value)
    {
        if (text == "+Inf")
        {
            value = double.PositiveInfinity;
            return true;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
            && CanonicalNumber().IsMatch(text);
    }

    /// <summary>A value <see cref="SampleValue"/> has matched: a real number, or Inf or NaN with an optional sign.</summary>
    private static double ParseNumber(string text)
    {
        var unsigned = text.TrimStart('+', '-');
        if (unsigned == "NaN")
        {
            return double.NaN;
        }

        if (unsigned is "Inf" or "inf")
        {
            return text[0] == '-' ? double.NegativeInfinity : double.PositiveInfinity;
        }

        return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^# (TYPE|UNIT|HELP) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$")]
    private static partial Regex DescriptorLine();

    [GeneratedRegex(@"^[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex MetricName();

    [GeneratedRegex(@"^ ([+-]?(?:[0-9]+(?:\.[0-9]*)?(?:e[+-]?[0-9]+)?|[0-9]*\.[0-9]+(?:e[+-]?[0-9]+)?|[Ii]nf|NaN))(?: [+-]?[0-9]+(?:\.[0-9]*)?)?$")]
    private static partial Regex SampleValue();

    [GeneratedRegex(@"^ [+-]?(?:[0-9]+(?:\.[0-9]*)?(?:e[+-]?[0-9]+)?|[Ii]nf|NaN)(?: [+-]?[0-9]+(?:\.[0-9]*)?)?$")]
    private static partial Regex ExemplarValue();

    [GeneratedRegex(@"^[0-9]+$")]
    private static partial Regex IntegerNumber();

    [GeneratedRegex(@"^-?(?:[0-9]+\.[0-9]+|[0-9](?:\.[0-9]+)?e[+-][0-9]{2,3})$")]
    private static partial Regex CanonicalNumber();
}
