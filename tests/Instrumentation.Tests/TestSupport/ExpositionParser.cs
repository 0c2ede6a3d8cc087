using System.Globalization;
using System.Text;
using Instrumentation.Exposition;

namespace Instrumentation.Tests.TestSupport;

/// <summary>
/// A strict parser of our Prometheus text 0.0.4 and OpenMetrics 1.0 output, back into samples with
/// unescaped label values and help texts. Throws <see cref="FormatException"/> on anything a scraper
/// would reject: an unknown escape, an unterminated quote, text after the value, a missing or early
/// <c># EOF</c>.
/// </summary>
public static class ExpositionParser
{
    public static ParsedExposition Parse(string text, ExpositionFormat format)
    {
        var openMetrics = format == ExpositionFormat.OpenMetrics;
        if (text.Length > 0 && !text.EndsWith('\n'))
        {
            throw new FormatException("The exposition does not end with a line feed.");
        }

        var lines = text.Split('\n');
        var samples = new List<ParsedSample>();
        var help = new Dictionary<string, string>(StringComparer.Ordinal);
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var sawEof = false;
        for (var i = 0; i < lines.Length - 1; i++)
        {
            var line = lines[i];
            if (sawEof)
            {
                throw new FormatException($"Line {i + 1} follows '# EOF'.");
            }

            if (openMetrics && line == "# EOF")
            {
                sawEof = true;
            }
            else if (line.StartsWith("# HELP ", StringComparison.Ordinal))
            {
                var rest = line["# HELP ".Length..];
                var space = rest.IndexOf(' ', StringComparison.Ordinal);
                var name = space < 0 ? rest : rest[..space];
                help[name] = space < 0 ? string.Empty : Unescape(rest[(space + 1)..], allowQuote: openMetrics, line: i + 1);
            }
            else if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line["# TYPE ".Length..].Split(' ');
                types[parts[0]] = parts.Length == 2 ? parts[1] : throw new FormatException($"Line {i + 1}: malformed TYPE.");
            }
            else if (line.StartsWith("# UNIT ", StringComparison.Ordinal))
            {
                continue;
            }
            else if (line.StartsWith('#') || line.Length == 0)
            {
                throw new FormatException($"Line {i + 1} is neither a sample nor a known comment: '{Shorten(line)}'.");
            }
            else
            {
                samples.Add(ParseSample(line, openMetrics, i + 1));
            }
        }

        if (openMetrics && !sawEof)
        {
            throw new FormatException("The OpenMetrics exposition does not end with '# EOF'.");
        }

        return new ParsedExposition(samples, help, types);
    }

    private static ParsedSample ParseSample(string line, bool openMetrics, int lineNumber)
    {
        var position = 0;
        while (position < line.Length && line[position] != '{' && line[position] != ' ')
        {
            position++;
        }

        var name = line[..position];
        var labels = new List<KeyValuePair<string, string>>();
        if (position < line.Length && line[position] == '{')
        {
            position = ParseLabels(line, position, labels, lineNumber);
        }

        if (position >= line.Length || line[position] != ' ')
        {
            throw new FormatException($"Line {lineNumber}: expected a space before the value: '{Shorten(line)}'.");
        }

        position++;
        var end = line.IndexOf(' ', position);
        var valueText = end < 0 ? line[position..] : line[position..end];
        var value = ParseValue(valueText, lineNumber);
        if (end >= 0)
        {
            var rest = line[end..];
            if (!openMetrics || !rest.StartsWith(" # {", StringComparison.Ordinal))
            {
                throw new FormatException($"Line {lineNumber}: unexpected text after the value: '{Shorten(rest)}'.");
            }

            // Exemplar: its labels must parse too.
            var exemplarLabels = new List<KeyValuePair<string, string>>();
            var afterLabels = ParseLabels(line, end + 3, exemplarLabels, lineNumber);
            var tail = line[afterLabels..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (tail.Length is < 1 or > 2)
            {
                throw new FormatException($"Line {lineNumber}: malformed exemplar.");
            }

            ParseValue(tail[0], lineNumber);
        }

        return new ParsedSample(name, labels, value);
    }

    private static int ParseLabels(string line, int open, List<KeyValuePair<string, string>> labels, int lineNumber)
    {
        var position = open + 1;
        while (true)
        {
            if (position >= line.Length)
            {
                throw new FormatException($"Line {lineNumber}: unterminated label set.");
            }

            if (line[position] == '}')
            {
                return position + 1;
            }

            var equals = line.IndexOf('=', position);
            if (equals < 0 || equals + 1 >= line.Length || line[equals + 1] != '"')
            {
                throw new FormatException($"Line {lineNumber}: expected name=\"value\" at {position}.");
            }

            var labelName = line[position..equals];
            var value = new StringBuilder();
            position = equals + 2;
            while (true)
            {
                if (position >= line.Length)
                {
                    throw new FormatException($"Line {lineNumber}: unterminated label value of '{labelName}'.");
                }

                var c = line[position++];
                if (c == '"')
                {
                    break;
                }

                if (c == '\\')
                {
                    value.Append(UnescapeOne(line, position++, allowQuote: true, lineNumber));
                }
                else
                {
                    value.Append(c);
                }
            }

            labels.Add(new(labelName, value.ToString()));
            if (position < line.Length && line[position] == ',')
            {
                position++;
            }
        }
    }

    private static string Unescape(string text, bool allowQuote, int line)
    {
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            result.Append(text[i] == '\\' ? UnescapeOne(text, ++i, allowQuote, line) : text[i]);
        }

        return result.ToString();
    }

    private static char UnescapeOne(string text, int index, bool allowQuote, int line) =>
        index >= text.Length ? throw new FormatException($"Line {line}: a backslash ends the text.")
        : text[index] switch
        {
            'n' => '\n',
            '\\' => '\\',
            '"' when allowQuote => '"',
            var other => throw new FormatException($"Line {line}: unknown escape '\\{other}'."),
        };

    private static double ParseValue(string text, int line) => text switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"Line {line}: '{Shorten(text)}' is not a number."),
    };

    private static string Shorten(string text) => text.Length <= 120 ? text : text[..120] + "...";
}

/// <summary>One sample line: series name, labels in order, value.</summary>
public sealed record ParsedSample(string Name, IReadOnlyList<KeyValuePair<string, string>> Labels, double Value)
{
    public string? Label(string name) => Labels.FirstOrDefault(l => l.Key == name).Value;
}

/// <summary>The samples, help texts and types of one parsed exposition.</summary>
public sealed record ParsedExposition(
    IReadOnlyList<ParsedSample> Samples,
    IReadOnlyDictionary<string, string> Help,
    IReadOnlyDictionary<string, string> Types)
{
    public IEnumerable<ParsedSample> Named(string name) => Samples.Where(s => s.Name == name);
}
