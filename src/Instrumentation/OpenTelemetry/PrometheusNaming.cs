using System.Text;

namespace Instrumentation.OpenTelemetry;

/// <summary>
/// Converts OpenTelemetry instrument names, UCUM units and tag keys to Prometheus metric names, unit
/// words and label names, following the OpenTelemetry to Prometheus compatibility rules.
/// </summary>
/// <remarks>
/// Every character outside <c>[a-zA-Z0-9_:]</c> (labels: <c>[a-zA-Z0-9_]</c>) becomes <c>_</c>, runs of
/// <c>_</c> collapse to one (so no result starts with the reserved <c>__</c>), and a leading digit gets a
/// <c>_</c> prefix. Pure functions; thread-safe.
/// </remarks>
public static class PrometheusNaming
{
    private const string TotalSuffix = "_total";

    /// <summary>
    /// Converts an OpenTelemetry instrument name and unit to a Prometheus metric name, for example
    /// <c>http.server.request.duration</c> with unit <c>s</c> to <c>http_server_request_duration_seconds</c>.
    /// </summary>
    /// <param name="otelName">The instrument name.</param>
    /// <param name="unit">The instrument's UCUM unit, or null; its word is appended unless the name already ends with it.</param>
    /// <param name="isCounter">
    /// True for monotonic sums: a trailing <c>_total</c> is removed, because our descriptors store counter
    /// names without it and the exposition writers add it on the wire.
    /// </param>
    /// <exception cref="ArgumentException"><paramref name="otelName"/> is null or empty.</exception>
    public static string ToMetricName(string otelName, string? unit, bool isCounter)
    {
        ArgumentException.ThrowIfNullOrEmpty(otelName);
        var name = Sanitize(otelName, allowColon: true);
        if (isCounter && name.Length > TotalSuffix.Length && name.EndsWith(TotalSuffix, StringComparison.Ordinal))
        {
            name = name[..^TotalSuffix.Length];
        }

        var unitWord = ToUnit(unit);
        if (unitWord.Length == 0 || EndsWithUnit(name, unitWord))
        {
            return name;
        }

        return name.EndsWith('_') ? name + unitWord : name + "_" + unitWord;
    }

    /// <summary>Converts an OpenTelemetry tag key to a Prometheus label name, for example <c>http.request.method</c> to <c>http_request_method</c>.</summary>
    /// <exception cref="ArgumentException"><paramref name="otelName"/> is null or empty.</exception>
    public static string ToLabelName(string otelName)
    {
        ArgumentException.ThrowIfNullOrEmpty(otelName);
        return Sanitize(otelName, allowColon: false);
    }

    /// <summary>
    /// Converts a UCUM unit to the Prometheus unit word used as a name suffix and as OpenMetrics <c>UNIT</c>:
    /// <c>s</c> to <c>seconds</c>, <c>By</c> to <c>bytes</c>, <c>By/s</c> to <c>bytes_per_second</c>.
    /// Returns an empty string for no unit, the dimensionless <c>1</c> and pure annotations such as <c>{request}</c>.
    /// </summary>
    public static string ToUnit(string? unit)
    {
        if (string.IsNullOrWhiteSpace(unit))
        {
            return string.Empty;
        }

        var words = UcumUnits.ToPrometheusWords(unit);
        return words.Length == 0 ? string.Empty : Sanitize(words, allowColon: false).Trim('_');
    }

    /// <summary>
    /// Returns true when <paramref name="metricName"/> ends with <c>_</c> and <paramref name="unitWord"/>
    /// (or is the unit word itself): the OpenMetrics condition for declaring that unit on the family.
    /// </summary>
    public static bool EndsWithUnit(string metricName, string unitWord)
    {
        ArgumentNullException.ThrowIfNull(metricName);
        ArgumentNullException.ThrowIfNull(unitWord);
        if (unitWord.Length == 0 || !metricName.EndsWith(unitWord, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = metricName.Length - unitWord.Length;
        return rest == 0 || metricName[rest - 1] == '_';
    }

    private static string Sanitize(string name, bool allowColon)
    {
        if (IsAlreadyValid(name, allowColon))
        {
            return name;
        }

        var result = new StringBuilder(name.Length + 1);
        if (char.IsAsciiDigit(name[0]))
        {
            result.Append('_');
        }

        foreach (var c in name)
        {
            var keep = char.IsAsciiLetterOrDigit(c) || (allowColon && c == ':');
            if (keep)
            {
                result.Append(c);
            }
            else if (result.Length == 0 || result[^1] != '_')
            {
                result.Append('_');
            }
        }

        return result.ToString();
    }

    private static bool IsAlreadyValid(string name, bool allowColon)
    {
        if (char.IsAsciiDigit(name[0]))
        {
            return false;
        }

        var previousUnderscore = false;
        foreach (var c in name)
        {
            if (c == '_')
            {
                if (previousUnderscore)
                {
                    return false;
                }

                previousUnderscore = true;
                continue;
            }

            previousUnderscore = false;
            if (!char.IsAsciiLetterOrDigit(c) && !(allowColon && c == ':'))
            {
                return false;
            }
        }

        return true;
    }
}
