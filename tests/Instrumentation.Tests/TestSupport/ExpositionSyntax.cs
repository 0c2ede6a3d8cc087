using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Instrumentation.Tests.TestSupport;

/// <summary>
/// The pieces of syntax <see cref="OpenMetricsStructure"/> and <see cref="PrometheusTextStructure"/> share:
/// label sets, the label-name rules, and the keys that identify a series or a group of samples.
/// </summary>
internal static partial class ExpositionSyntax
{
    /// <summary>
    /// Parses the label set whose '{' is at <paramref name="position"/> and leaves the position after its '}'.
    /// Every pair is kept, repeated names included, so <see cref="LabelNameProblems"/> can report them.
    /// <paramref name="lenient"/> is the Prometheus text format: its parsers skip blanks and tabs between
    /// tokens and accept a trailing comma; OpenMetrics allows neither.
    /// </summary>
    public static bool TryParseLabels(string text, ref int position, bool lenient, List<KeyValuePair<string, string>> labels, out string error)
    {
        error = "";
        position++;
        SkipBlanks(text, ref position, lenient);
        if (position < text.Length && text[position] == '}')
        {
            position++;
            return true;
        }

        while (true)
        {
            SkipBlanks(text, ref position, lenient);
            var name = LabelName().Match(text, position);
            if (!name.Success || name.Index != position)
            {
                error = $"bad label name at column {position + 1}.";
                return false;
            }

            position += name.Length;
            SkipBlanks(text, ref position, lenient);
            if (position >= text.Length || text[position] != '=')
            {
                error = position >= text.Length
                    ? $"no '=' after label name '{name.Value}'."
                    : $"bad label name: '{name.Value}' is followed by '{text[position]}', not '='.";
                return false;
            }

            position++;
            SkipBlanks(text, ref position, lenient);
            if (position >= text.Length || text[position] != '"')
            {
                error = $"the value of label '{name.Value}' is not quoted.";
                return false;
            }

            position++;
            var value = new StringBuilder();
            while (position < text.Length && text[position] != '"')
            {
                if (text[position] == '\\')
                {
                    if (position + 1 >= text.Length || text[position + 1] is not ('\\' or '"' or 'n'))
                    {
                        error = "bad escape in label value (only \\\\, \\\" and \\n are allowed).";
                        return false;
                    }

                    value.Append(text[position + 1] == 'n' ? '\n' : text[position + 1]);
                    position += 2;
                    continue;
                }

                value.Append(text[position++]);
            }

            if (position >= text.Length)
            {
                error = $"unterminated value of label '{name.Value}'.";
                return false;
            }

            position++;
            labels.Add(new(name.Value, value.ToString()));
            SkipBlanks(text, ref position, lenient);
            if (position < text.Length && text[position] == '}')
            {
                position++;
                return true;
            }

            if (position >= text.Length || text[position] != ',')
            {
                error = "no ',' or '}' after a label value.";
                return false;
            }

            position++;
            SkipBlanks(text, ref position, lenient);
            if (lenient && position < text.Length && text[position] == '}')
            {
                position++;
                return true;
            }
        }
    }

    /// <summary>
    /// Repeated label names (Prometheus rejects the sample: "label name is not unique") and names starting
    /// with <c>__</c>, which the Prometheus data model reserves for internal use. The grammar of a name is
    /// checked while parsing.
    /// </summary>
    public static IEnumerable<string> LabelNameProblems(List<KeyValuePair<string, string>> labels)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, _) in labels)
        {
            if (!seen.Add(name))
            {
                yield return $"duplicate label name '{name}'.";
            }

            if (name.StartsWith("__", StringComparison.Ordinal))
            {
                yield return $"label name '{name}' is reserved (starts with '__').";
            }
        }
    }

    /// <summary>The labels by name; of a repeated name the first value wins (the repetition is reported apart).</summary>
    public static Dictionary<string, string> ToDictionary(List<KeyValuePair<string, string>> labels)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in labels)
        {
            result.TryAdd(name, value);
        }

        return result;
    }

    /// <summary>The sample name and its label set in name order, escaped as in the exposition: equal for one series.</summary>
    public static string SeriesKey(string name, Dictionary<string, string> labels) => name + GroupKey(labels, null);

    /// <summary>The label set in name order without <paramref name="excluded"/>: what a histogram's or summary's samples of one series share.</summary>
    public static string GroupKey(Dictionary<string, string> labels, string? excluded)
    {
        var pairs = labels.Where(l => l.Key != excluded)
            .OrderBy(l => l.Key, StringComparer.Ordinal)
            .Select(l => l.Key + "=\"" + l.Value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"");
        return "{" + string.Join(',', pairs) + "}";
    }

    /// <summary>
    /// Reads a number the way Go's <c>strconv.ParseFloat</c> does as called by both Prometheus text parsers:
    /// decimal with optional exponent, <c>Inf</c>/<c>Infinity</c> with optional sign and <c>NaN</c>, in any case.
    /// Hexadecimal floats and underscores are refused (expfmt refuses them), and so is a finite number too
    /// large for a double (ParseFloat's range error).
    /// </summary>
    public static bool TryParseGoFloat(string text, out double value)
    {
        value = double.NaN;
        if (!GoFloat().IsMatch(text))
        {
            return false;
        }

        var unsigned = text.TrimStart('+', '-');
        if (unsigned.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (unsigned.StartsWith("inf", StringComparison.OrdinalIgnoreCase))
        {
            value = text[0] == '-' ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }

        value = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        return !double.IsInfinity(value);
    }

    private static void SkipBlanks(string text, ref int position, bool lenient)
    {
        while (lenient && position < text.Length && text[position] is ' ' or '\t')
        {
            position++;
        }
    }

    [GeneratedRegex(@"[a-zA-Z_][a-zA-Z0-9_]*")]
    private static partial Regex LabelName();

    [GeneratedRegex(@"^(?:[+-]?(?:(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|(?i:inf|infinity))|(?i:nan))$")]
    private static partial Regex GoFloat();
}
