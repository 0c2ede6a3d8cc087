using System.Globalization;
using System.Text;

namespace Instrumentation.AspNetCore.Tests.TestSupport;

/// <summary>
/// One sample of a Prometheus text (0.0.4) or OpenMetrics body: its name, its labels sorted by name (so two writers'
/// label orders compare equal) and its value. <see cref="Key"/> is the series identity.
/// </summary>
internal sealed record ExpositionSample(string Name, IReadOnlyList<KeyValuePair<string, string>> Labels, double Value, string ValueText)
{
    /// <summary>The OpenMetrics exemplar after <c> # </c>, as written (<c>{trace_id="...",span_id="..."} 1.0 1700000000.1</c>), or null.</summary>
    public string? Exemplar { get; init; }

    /// <summary><c>name{a="1",b="2"}</c> with labels in name order and values unescaped then re-quoted.</summary>
    public string Key => Name + "{" + string.Join(",", Labels.Select(l => $"{l.Key}=\"{l.Value}\"")) + "}";

    public string? Label(string name) => Labels.FirstOrDefault(l => l.Key == name).Value;
}

/// <summary>A parsed body: its samples, and each family's TYPE, HELP and UNIT.</summary>
internal sealed class ExpositionSeries
{
    private ExpositionSeries(List<ExpositionSample> samples, Dictionary<string, string> types, Dictionary<string, string> help, Dictionary<string, string> units)
    {
        Samples = samples;
        Types = types;
        Help = help;
        Units = units;
    }

    public IReadOnlyList<ExpositionSample> Samples { get; }

    public IReadOnlyDictionary<string, string> Types { get; }

    public IReadOnlyDictionary<string, string> Help { get; }

    public IReadOnlyDictionary<string, string> Units { get; }

    /// <summary>Parses <paramref name="body"/>; throws <see cref="FormatException"/> naming the line on anything malformed.</summary>
    public static ExpositionSeries Parse(string body)
    {
        var samples = new List<ExpositionSample>();
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var help = new Dictionary<string, string>(StringComparer.Ordinal);
        var units = new Dictionary<string, string>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var line in body.Split('\n'))
        {
            lineNumber++;
            if (line.Length == 0 || line == "# EOF")
            {
                continue;
            }

            if (line.StartsWith('#'))
            {
                var parts = line.Split(' ', 4);
                if (parts.Length >= 3 && parts[1] is "TYPE" or "HELP" or "UNIT")
                {
                    var target = parts[1] switch { "TYPE" => types, "HELP" => help, _ => units };
                    target[parts[2]] = parts.Length == 4 ? parts[3] : string.Empty;
                }

                continue;
            }

            samples.Add(ParseSample(line, lineNumber));
        }

        return new ExpositionSeries(samples, types, help, units);
    }

    private static ExpositionSample ParseSample(string line, int lineNumber)
    {
        var position = 0;
        while (position < line.Length && line[position] is not ('{' or ' '))
        {
            position++;
        }

        var name = line[..position];
        var labels = new List<KeyValuePair<string, string>>();
        if (position < line.Length && line[position] == '{')
        {
            position++;
            while (line[position] != '}')
            {
                var equals = line.IndexOf('=', position);
                var labelName = line[position..equals].Trim(',', ' ');
                if (line[equals + 1] != '"')
                {
                    throw new FormatException($"Line {lineNumber}: label {labelName} has no quoted value: {line}");
                }

                var value = new StringBuilder();
                position = equals + 2;
                while (line[position] != '"')
                {
                    if (line[position] == '\\')
                    {
                        position++;
                        value.Append(line[position] switch
                        {
                            'n' => '\n',
                            '\\' => '\\',
                            '"' => '"',
                            var other => throw new FormatException($"Line {lineNumber}: unknown escape \\{other}: {line}"),
                        });
                    }
                    else
                    {
                        value.Append(line[position]);
                    }

                    position++;
                }

                labels.Add(new(labelName, value.ToString()));
                position++;
                if (line[position] == ',')
                {
                    position++;
                }
            }

            position++;
        }

        var tail = line[position..].Trim();
        string? exemplar = null;
        var hash = tail.IndexOf(" # ", StringComparison.Ordinal);
        if (hash >= 0)
        {
            exemplar = tail[(hash + 3)..];
            tail = tail[..hash];
        }

        var valueText = tail.Split(' ')[0];
        var parsed = valueText switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            "NaN" => double.NaN,
            _ => double.Parse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
        labels.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return new ExpositionSample(name, labels, parsed, valueText) { Exemplar = exemplar };
    }
}
