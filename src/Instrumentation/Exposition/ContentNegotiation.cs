using System.Globalization;

namespace Instrumentation.Exposition;

/// <summary>
/// Chooses the exposition format from an HTTP <c>Accept</c> header, the way Prometheus' own client
/// libraries do, and names the content type of each format.
/// </summary>
/// <remarks>
/// OpenMetrics is chosen when the header accepts <c>application/openmetrics-text</c> (version 1.0.0,
/// 0.0.1 or none) with a q-value above 0 that is at least that of <c>text/plain</c> (version 0.0.4 or
/// none). Everything else, including a missing or unparsable header and <c>*/*</c>, gets Prometheus
/// text 0.0.4, which every scraper understands. Wildcards never select OpenMetrics. A q-value that does
/// not parse counts as 0, as in Go's parser. Thread-safe; allocates nothing.
/// </remarks>
public static class ContentNegotiation
{
    /// <summary>The content type of Prometheus text format 0.0.4.</summary>
    public const string PrometheusTextContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>The content type of OpenMetrics 1.0.0 text.</summary>
    public const string OpenMetricsContentType = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    /// <summary>Returns the format to answer a request carrying <paramref name="acceptHeader"/> with.</summary>
    /// <param name="acceptHeader">The raw <c>Accept</c> header value (several values joined by commas), or null.</param>
    public static ExpositionFormat Select(string? acceptHeader)
    {
        if (string.IsNullOrWhiteSpace(acceptHeader))
        {
            return ExpositionFormat.PrometheusText;
        }

        var bestOpenMetrics = 0.0;
        var bestText = 0.0;
        foreach (var range in acceptHeader.AsSpan().Split(','))
        {
            var mediaRange = acceptHeader.AsSpan()[range];
            ParseMediaRange(mediaRange, out var mediaType, out var version, out var quality);
            if (mediaType.Equals("application/openmetrics-text", StringComparison.OrdinalIgnoreCase)
                && (version.IsEmpty || version.SequenceEqual("1.0.0") || version.SequenceEqual("0.0.1")))
            {
                bestOpenMetrics = Math.Max(bestOpenMetrics, quality);
            }
            else if (mediaType.Equals("text/plain", StringComparison.OrdinalIgnoreCase)
                && (version.IsEmpty || version.SequenceEqual("0.0.4")))
            {
                bestText = Math.Max(bestText, quality);
            }
        }

        return bestOpenMetrics > 0 && bestOpenMetrics >= bestText ? ExpositionFormat.OpenMetrics : ExpositionFormat.PrometheusText;
    }

    /// <summary>Returns the <c>Content-Type</c> header value for <paramref name="format"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="format"/> is not a defined value.</exception>
    public static string ContentTypeOf(ExpositionFormat format) => format switch
    {
        ExpositionFormat.PrometheusText => PrometheusTextContentType,
        ExpositionFormat.OpenMetrics => OpenMetricsContentType,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown exposition format."),
    };

    /// <summary>Reads <c>type/subtype;param=value;q=0.5</c>; a missing q is 1, an unparsable one 0.</summary>
    private static void ParseMediaRange(ReadOnlySpan<char> mediaRange, out ReadOnlySpan<char> mediaType, out ReadOnlySpan<char> version, out double quality)
    {
        mediaType = default;
        version = default;
        quality = 1;
        var first = true;
        foreach (var part in mediaRange.Split(';'))
        {
            var token = mediaRange[part].Trim();
            if (first)
            {
                mediaType = token;
                first = false;
                continue;
            }

            var equals = token.IndexOf('=');
            if (equals < 0)
            {
                continue;
            }

            var name = token[..equals].Trim();
            var value = token[(equals + 1)..].Trim().Trim('"');
            if (name.Equals("q", StringComparison.OrdinalIgnoreCase))
            {
                quality = double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var q) ? Math.Clamp(q, 0, 1) : 0;
            }
            else if (name.Equals("version", StringComparison.OrdinalIgnoreCase))
            {
                version = value;
            }
        }
    }
}
