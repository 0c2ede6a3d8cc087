namespace Instrumentation.OpenTelemetry;

/// <summary>
/// Translates the UCUM unit codes OpenTelemetry instruments declare (<c>s</c>, <c>By</c>, <c>By/s</c>)
/// into the unit words Prometheus puts in metric names (<c>seconds</c>, <c>bytes</c>, <c>bytes_per_second</c>).
/// </summary>
internal static class UcumUnits
{
    /// <summary>
    /// Returns the Prometheus unit word for <paramref name="ucum"/>, not yet sanitized, or an empty
    /// string when the unit is dimensionless (<c>1</c>) or only an annotation (<c>{request}</c>).
    /// </summary>
    public static string ToPrometheusWords(string ucum)
    {
        var unit = RemoveAnnotations(ucum).Trim();
        var slash = unit.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return ToWord(unit);
        }

        var numerator = ToWord(unit[..slash].Trim());
        var denominator = ToPerWord(unit[(slash + 1)..].Trim());
        if (denominator.Length == 0)
        {
            return numerator;
        }

        // "{request}/s" is a rate of a count: "per_second" on its own.
        return numerator.Length == 0 ? "per_" + denominator : numerator + "_per_" + denominator;
    }

    private static string RemoveAnnotations(string unit)
    {
        if (!unit.Contains('{', StringComparison.Ordinal))
        {
            return unit;
        }

        var result = new System.Text.StringBuilder(unit.Length);
        var depth = 0;
        foreach (var c in unit)
        {
            if (c == '{')
            {
                depth++;
            }
            else if (c == '}' && depth > 0)
            {
                depth--;
            }
            else if (depth == 0)
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }

    private static string ToWord(string unit) => unit switch
    {
        "" or "1" => string.Empty,

        "d" => "days",
        "h" => "hours",
        "min" => "minutes",
        "s" => "seconds",
        "ms" => "milliseconds",
        "us" => "microseconds",
        "ns" => "nanoseconds",

        "By" => "bytes",
        "KiBy" => "kibibytes",
        "MiBy" => "mebibytes",
        "GiBy" => "gibibytes",
        "TiBy" => "tebibytes",
        "KBy" => "kilobytes",
        "MBy" => "megabytes",
        "GBy" => "gigabytes",
        "TBy" => "terabytes",
        "bit" => "bits",

        "m" => "meters",
        "V" => "volts",
        "A" => "amperes",
        "J" => "joules",
        "W" => "watts",
        "g" => "grams",
        "Cel" => "celsius",
        "Hz" => "hertz",
        "%" => "percent",
        _ => unit,
    };

    private static string ToPerWord(string unit) => unit switch
    {
        "s" => "second",
        "min" => "minute",
        "h" => "hour",
        "d" => "day",
        "wk" => "week",
        "mo" => "month",
        "a" => "year",
        _ => ToWord(unit),
    };
}
