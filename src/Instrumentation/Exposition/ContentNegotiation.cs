using System.Globalization;

namespace Instrumentation.Exposition;

/// <summary>
/// Chooses the exposition format from an HTTP <c>Accept</c> header, the way Prometheus' own client
/// libraries do, and names the content type of each format.
/// </summary>
/// <remarks>
/// Each format is accepted with the highest q-value of the media ranges that name it:
/// <list type="bullet">
/// <item>Prometheus protobuf: <c>application/vnd.google.protobuf</c> with <c>proto=io.prometheus.client.MetricFamily</c>
/// and <c>encoding=delimited</c> (the only encoding served; without it, or with another, the range is ignored, as
/// Prometheus' own Go clients do);</item>
/// <item>OpenMetrics: <c>application/openmetrics-text</c>, version 1.0.0, 0.0.1 or none;</item>
/// <item>Prometheus text: <c>text/plain</c>, version 0.0.4 or none.</item>
/// </list>
/// The format with the highest q-value above 0 wins; a tie goes to the richer format (protobuf, then
/// OpenMetrics, then text). Everything else, including a missing or unparsable header and <c>*/*</c>, gets
/// Prometheus text 0.0.4, which every scraper understands: wildcards never select OpenMetrics or protobuf. A
/// q-value that does not parse counts as 0, as in Go's parser. Other parameters (<c>charset</c>,
/// <c>escaping</c>) are ignored. Thread-safe; allocates nothing.
/// </remarks>
public static class ContentNegotiation
{
    /// <summary>The content type of Prometheus text format 0.0.4.</summary>
    public const string PrometheusTextContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>The content type of OpenMetrics 1.0.0 text.</summary>
    public const string OpenMetricsContentType = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    /// <summary>The content type of the Prometheus protobuf format, length-delimited, as Prometheus reads it.</summary>
    public const string PrometheusProtobufContentType = "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited";

    /// <summary>Returns the format to answer a request carrying <paramref name="acceptHeader"/> with.</summary>
    /// <param name="acceptHeader">The raw <c>Accept</c> header value (several values joined by commas), or null.</param>
    public static ExpositionFormat Select(string? acceptHeader)
    {
        if (string.IsNullOrWhiteSpace(acceptHeader))
        {
            return ExpositionFormat.PrometheusText;
        }

        var bestProtobuf = 0.0;
        var bestOpenMetrics = 0.0;
        var bestText = 0.0;
        foreach (var range in acceptHeader.AsSpan().Split(','))
        {
            var mediaRange = acceptHeader.AsSpan()[range];
            var parameters = ParseMediaRange(mediaRange);
            var mediaType = parameters.MediaType;
            var version = parameters.Version;
            var quality = parameters.Quality;
            if (mediaType.Equals("application/vnd.google.protobuf", StringComparison.OrdinalIgnoreCase)
                && parameters.Proto.SequenceEqual("io.prometheus.client.MetricFamily")
                && parameters.Encoding.SequenceEqual("delimited"))
            {
                bestProtobuf = Math.Max(bestProtobuf, quality);
            }
            else if (mediaType.Equals("application/openmetrics-text", StringComparison.OrdinalIgnoreCase)
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

        if (bestProtobuf > 0 && bestProtobuf >= bestOpenMetrics && bestProtobuf >= bestText)
        {
            return ExpositionFormat.PrometheusProtobuf;
        }

        return bestOpenMetrics > 0 && bestOpenMetrics >= bestText ? ExpositionFormat.OpenMetrics : ExpositionFormat.PrometheusText;
    }

    /// <summary>Returns the <c>Content-Type</c> header value for <paramref name="format"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="format"/> is not a defined value.</exception>
    public static string ContentTypeOf(ExpositionFormat format) => format switch
    {
        ExpositionFormat.PrometheusText => PrometheusTextContentType,
        ExpositionFormat.OpenMetrics => OpenMetricsContentType,
        ExpositionFormat.PrometheusProtobuf => PrometheusProtobufContentType,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown exposition format."),
    };

    /// <summary>Reads <c>type/subtype;param=value;q=0.5</c>; a missing q is 1, an unparsable one 0.</summary>
    private static MediaRange ParseMediaRange(ReadOnlySpan<char> mediaRange)
    {
        var result = new MediaRange { Quality = 1 };
        var first = true;
        foreach (var part in mediaRange.Split(';'))
        {
            var token = mediaRange[part].Trim();
            if (first)
            {
                result.MediaType = token;
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
                result.Quality = double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var q) ? Math.Clamp(q, 0, 1) : 0;
            }
            else if (name.Equals("version", StringComparison.OrdinalIgnoreCase))
            {
                result.Version = value;
            }
            else if (name.Equals("proto", StringComparison.OrdinalIgnoreCase))
            {
                result.Proto = value;
            }
            else if (name.Equals("encoding", StringComparison.OrdinalIgnoreCase))
            {
                result.Encoding = value;
            }
        }

        return result;
    }

    /// <summary>The parts of one media range that negotiation reads.</summary>
    private ref struct MediaRange
    {
        public ReadOnlySpan<char> MediaType;
        public ReadOnlySpan<char> Version;
        public ReadOnlySpan<char> Proto;
        public ReadOnlySpan<char> Encoding;
        public double Quality;
    }
}
