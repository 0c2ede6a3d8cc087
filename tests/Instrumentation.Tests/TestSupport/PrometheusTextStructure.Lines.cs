namespace Instrumentation.Tests.TestSupport;

/// <summary>Families, descriptor lines, sample lines and histogram series of the Prometheus text format.</summary>
public static partial class PrometheusTextStructure
{
    /// <summary>A family as the lines so far define it; untyped until a TYPE line says otherwise.</summary>
    private sealed class Family(string name)
    {
        public string Name { get; } = name;

        public string Type { get; set; } = "untyped";

        public bool HasType { get; set; }

        public bool HasHelp { get; set; }

        public bool SeenSample { get; set; }
    }

    /// <summary>A sample that parsed: its family, the suffix after the family name, its <c>le</c> (NaN when not a
    /// bucket) and its group (the label set shared by one histogram's or summary's samples).</summary>
    private sealed record TextSample(int LineNumber, string Line, Family Family, string Suffix, Dictionary<string, string> Labels, double Value, double Le, string Group);

    /// <summary>
    /// The family a line's name opens. Its name, and for histograms and summaries the names of their
    /// samples, are claimed: client_golang refuses to expose two families whose sample names collide
    /// (its registry's suffix-collision check), and a reader could not tell whose sample it is.
    /// </summary>
    private static Family GetOrCreate(Dictionary<string, Family> families, Dictionary<string, string> claims, string name, Action<string> problem)
    {
        if (!families.TryGetValue(name, out var family))
        {
            family = new Family(name);
            families[name] = family;
            Claim(claims, name, name, problem);
        }

        return family;
    }

    private static void Claim(Dictionary<string, string> claims, string name, string family, Action<string> problem)
    {
        if (!claims.TryAdd(name, family) && claims[name] != family)
        {
            problem($"Clashing name '{name}': claimed by family '{claims[name]}' and family '{family}'.");
        }
    }

    private static void CheckDescriptor(Family family, string kind, string rest, Dictionary<string, string> claims, Action<string> problem)
    {
        if (kind == "HELP")
        {
            if (family.HasHelp)
            {
                problem($"second HELP line for '{family.Name}'.");
            }
            else if (family.SeenSample)
            {
                // expfmt accepts it; the format document puts HELP and TYPE before a family's samples.
                problem("HELP line after the family's samples.");
            }

            family.HasHelp = true;
            if (!IsEscapedHelp(rest))
            {
                problem("HELP text has an escape other than \\\\ and \\n.");
            }

            return;
        }

        if (rest.Length == 0)
        {
            problem("TYPE line without a type.");
        }
        else if (family.HasType)
        {
            problem($"second TYPE line for '{family.Name}'.");
        }
        else if (family.SeenSample)
        {
            problem("TYPE line after the family's samples.");
        }
        else if (!Types.Contains(rest))
        {
            problem($"unknown type '{rest}'.");
        }
        else
        {
            (family.Type, family.HasType) = (rest, true);
            string[] suffixes = rest switch
            {
                "histogram" => ["_bucket", "_sum", "_count"],
                "summary" => ["_sum", "_count"],
                _ => [],
            };
            foreach (var suffix in suffixes)
            {
                Claim(claims, family.Name + suffix, family.Name, problem);
            }
        }
    }

    /// <summary>
    /// The family a sample belongs to, found as expfmt finds it: a family of that exact name, else the
    /// summary or histogram whose <c>_sum</c> or <c>_count</c> it is, else the histogram whose <c>_bucket</c>
    /// it is; null when none (the sample opens an untyped family of its own name).
    /// </summary>
    private static (Family? Family, string Suffix) Resolve(Dictionary<string, Family> families, string name)
    {
        if (families.TryGetValue(name, out var exact))
        {
            return (exact, "");
        }

        foreach (var suffix in new[] { "_sum", "_count", "_bucket" })
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal)
                && families.TryGetValue(name[..^suffix.Length], out var owner)
                && (owner.Type == "histogram" || (owner.Type == "summary" && suffix != "_bucket")))
            {
                return (owner, suffix);
            }
        }

        return (null, "");
    }

    /// <summary>
    /// <c>name[{labels}] value [timestamp]</c>: blanks and tabs may separate the tokens; none may lead the
    /// line (expfmt skips them, but Prometheus' scrape parser counts them into the metric name) or follow
    /// the value or the timestamp (expfmt refuses a trailing blank).
    /// </summary>
    private static bool TryParseSample(string line, out string name, out List<KeyValuePair<string, string>> labels, out double value, out string error)
    {
        (labels, value, error) = ([], double.NaN, "");
        var body = line;
        var match = MetricName().Match(body);
        name = match.Value;
        if (!match.Success)
        {
            error = line[0] is ' ' or '\t'
                ? "blank before the metric name: Prometheus' scrape parser would take it into the name."
                : "not a comment and not a sample.";
            return false;
        }

        var position = name.Length;
        while (position < body.Length && body[position] is ' ' or '\t')
        {
            position++;
        }

        if (position < body.Length && body[position] == '{')
        {
            if (!ExpositionSyntax.TryParseLabels(body, ref position, lenient: true, labels, out error))
            {
                return false;
            }

            while (position < body.Length && body[position] is ' ' or '\t')
            {
                position++;
            }
        }
        else if (position == name.Length)
        {
            error = "no blank between the name and the value.";
            return false;
        }

        var rest = body[position..];
        var valueAndTimestamp = ValueAndTimestamp().Match(rest);
        if (!valueAndTimestamp.Success)
        {
            error = $"bad value part '{rest}': a value, then optionally an integer timestamp, and nothing after.";
            return false;
        }

        if (!ExpositionSyntax.TryParseGoFloat(valueAndTimestamp.Groups[1].Value, out value))
        {
            error = $"value '{valueAndTimestamp.Groups[1].Value}' is not a float as Go reads it.";
            return false;
        }

        return true;
    }

    /// <summary>HELP text escapes only <c>\\</c> and <c>\n</c> in this format (expfmt: "invalid escape sequence").</summary>
    private static bool IsEscapedHelp(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                if (i + 1 >= text.Length || text[i + 1] is not ('\\' or 'n'))
                {
                    return false;
                }

                i++;
            }
        }

        return true;
    }

    /// <summary>One histogram series: a +Inf bucket, equal to <c>_count</c> when there is one.</summary>
    private static void CheckHistogramSeries(string group, List<TextSample> samples, List<string> problems)
    {
        var inf = samples.LastOrDefault(s => s.Suffix == "_bucket" && double.IsPositiveInfinity(s.Le));
        var count = samples.LastOrDefault(s => s.Suffix == "_count");
        if (inf is null)
        {
            var first = samples[0];
            problems.Add(Format(first.LineNumber, first.Line, $"histogram series {first.Family.Name}{group} has no +Inf bucket."));
        }
        else if (count is not null && count.Value != inf.Value)
        {
            problems.Add(Format(count.LineNumber, count.Line, "_count differs from the +Inf bucket."));
        }
    }
}
