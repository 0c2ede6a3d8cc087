using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Instrumentation.Tests.TestSupport;

/// <summary>
/// Checks OpenMetrics 1.0 text against the rules of the specification that a line-by-line reader can
/// check (promtool only reads Prometheus text): the ABNF of every line, descriptors before samples,
/// sample names per type, no interleaving, canonical and ascending <c>le</c>, +Inf bucket equal to
/// <c>_count</c>, integral counts, exemplars only where allowed, and the final <c># EOF</c>.
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
        string? family = null;
        string? type = null;
        var seenSample = false;
        var finishedSeries = new HashSet<string>(StringComparer.Ordinal);
        string? currentSeries = null;
        var lastLe = double.NegativeInfinity;
        var infBuckets = new Dictionary<string, string>(StringComparer.Ordinal);

        for (var n = 0; n < lines.Length - 1; n++)
        {
            var line = lines[n];
            void Problem(string message) => problems.Add($"line {n + 1} '{line}': {message}");

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
                    if (!families.Add(name))
                    {
                        Problem($"family '{name}' appears twice.");
                    }

                    if (!SuffixesByType.ContainsKey(rest))
                    {
                        Problem($"unknown type '{rest}'.");
                    }

                    (family, type, seenSample, currentSeries) = (name, rest, false, null);
                    finishedSeries.Clear();
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

            if (!TryParseSample(line, out var sampleName, out var labels, out var value, out var exemplar, out var error))
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

            var suffix = SuffixesByType[type].FirstOrDefault(s => sampleName == family + s);
            if (suffix is null)
            {
                Problem($"'{sampleName}' is not a sample name of {type} family '{family}'.");
                continue;
            }

            if (exemplar && !(type == "counter" && suffix == "_total") && !(type == "histogram" && suffix == "_bucket"))
            {
                Problem("exemplar on a sample that cannot carry one.");
            }

            var seriesKey = string.Join(',', labels.Where(l => l.Key is not "le" and not "quantile").Select(l => l.Key + "=" + l.Value));
            if (seriesKey != currentSeries)
            {
                if (currentSeries is not null)
                {
                    finishedSeries.Add(currentSeries);
                }

                if (finishedSeries.Contains(seriesKey))
                {
                    Problem("series of the family are interleaved.");
                }

                currentSeries = seriesKey;
                lastLe = double.NegativeInfinity;
            }

            if (suffix is "_bucket" or "_count" && !IntegerNumber().IsMatch(value))
            {
                Problem("a count must be an integer.");
            }

            if (suffix == "_bucket")
            {
                if (!labels.TryGetValue("le", out var le) || !IsCanonical(le, out var bound))
                {
                    Problem("bucket without a canonical le label.");
                    continue;
                }

                if (bound <= lastLe)
                {
                    Problem("buckets are not in ascending order of le.");
                }

                lastLe = bound;
                if (le == "+Inf")
                {
                    infBuckets[family + "|" + seriesKey] = value;
                }
            }

            if (suffix == "_count" && type == "histogram"
                && (!infBuckets.TryGetValue(family + "|" + seriesKey, out var inf) || inf != value))
            {
                Problem("_count differs from the +Inf bucket.");
            }

            if (type == "summary" && suffix == "" && (!labels.TryGetValue("quantile", out var q) || !IsCanonical(q, out _)))
            {
                Problem("quantile sample without a canonical quantile label.");
            }
        }

        return problems;
    }

    private static bool TryParseSample(string line, out string name, out Dictionary<string, string> labels, out string value, out bool exemplar, out string error)
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
        if (position < line.Length && line[position] == '{' && !TryParseLabels(line, ref position, labels, out error))
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
            var exemplarLabels = new Dictionary<string, string>(StringComparer.Ordinal);
            if (!parts[1].StartsWith('{') || !TryParseLabels(parts[1], ref exemplarPosition, exemplarLabels, out error))
            {
                error = "bad exemplar labels. " + error;
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

    private static bool TryParseLabels(string text, ref int position, Dictionary<string, string> labels, out string error)
    {
        error = "";
        position++;
        while (position < text.Length && text[position] != '}')
        {
            var labelName = LabelName().Match(text, position);
            if (!labelName.Success || labelName.Index != position || !text[(position + labelName.Length)..].StartsWith("=\"", StringComparison.Ordinal))
            {
                error = "bad label name.";
                return false;
            }

            position += labelName.Length + 2;
            var value = new StringBuilder();
            while (position < text.Length && text[position] != '"')
            {
                if (text[position] == '\\')
                {
                    if (position + 1 >= text.Length || text[position + 1] is not ('\\' or '"' or 'n'))
                    {
                        error = "bad escape in label value.";
                        return false;
                    }

                    value.Append(text[position + 1] == 'n' ? '\n' : text[position + 1]);
                    position += 2;
                    continue;
                }

                value.Append(text[position++]);
            }

            if (position >= text.Length || !labels.TryAdd(labelName.Value, value.ToString()))
            {
                error = "unterminated or repeated label.";
                return false;
            }

            position++;
            if (position < text.Length && text[position] == ',')
            {
                position++;
            }
        }

        if (position >= text.Length)
        {
            error = "unterminated label set.";
            return false;
        }

        position++;
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

    [GeneratedRegex(@"^# (TYPE|UNIT|HELP) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$")]
    private static partial Regex DescriptorLine();

    [GeneratedRegex(@"^[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex MetricName();

    [GeneratedRegex(@"[a-zA-Z_][a-zA-Z0-9_]*")]
    private static partial Regex LabelName();

    [GeneratedRegex(@"^ ([+-]?(?:[0-9]+(?:\.[0-9]*)?(?:e[+-]?[0-9]+)?|[0-9]*\.[0-9]+(?:e[+-]?[0-9]+)?|[Ii]nf|NaN))(?: [+-]?[0-9]+(?:\.[0-9]*)?)?$")]
    private static partial Regex SampleValue();

    [GeneratedRegex(@"^ [+-]?(?:[0-9]+(?:\.[0-9]*)?(?:e[+-]?[0-9]+)?|[Ii]nf|NaN)(?: [+-]?[0-9]+(?:\.[0-9]*)?)?$")]
    private static partial Regex ExemplarValue();

    [GeneratedRegex(@"^[0-9]+$")]
    private static partial Regex IntegerNumber();

    [GeneratedRegex(@"^-?(?:[0-9]+\.[0-9]+|[0-9](?:\.[0-9]+)?e[+-][0-9]{2,3})$")]
    private static partial Regex CanonicalNumber();
}
