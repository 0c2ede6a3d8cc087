using System.Globalization;
using System.Text.Json;

namespace Instrumentation.Push;

/// <summary>
/// Reads InfluxDB's answer to a write that it stored only in part. InfluxDB 1.x answers such a write with
/// 400 and <c>{"error":"partial write: &lt;reason&gt; dropped=&lt;n&gt;"}</c>, after storing every other point:
/// <list type="bullet">
/// <item>lines it could not parse are listed in the reason, one <c>unable to parse '&lt;line&gt;': &lt;why&gt;</c>
/// per line, separated by line feeds, with <c>dropped=0</c>;</item>
/// <item>points it parsed but refused to store (a field type conflict, a tag named <c>time</c>, a point
/// outside the retention policy) are counted in <c>dropped=</c>, the reason naming the first of them.</item>
/// </list>
/// A 400 without <c>partial write:</c> (every line unparseable, for example) refuses the whole write.
/// </summary>
/// <remarks>
/// When a batch holds both kinds, InfluxDB 1.x reports only the refused points: the unparseable lines
/// are then not counted (our writer writes no unparseable line). The v2 form of the body,
/// <c>{"code":...,"message":...}</c>, is read the same way.
/// </remarks>
internal static class InfluxDbPartialWrite
{
    private const string Prefix = "partial write: ";
    private const string DroppedMarker = " dropped=";
    private const string UnparsedLine = "unable to parse '";

    /// <summary>
    /// Whether <paramref name="body"/> reports a partial write; if so, how many points were refused (at
    /// least 1 when the body does not say).
    /// </summary>
    public static bool TryCountRejectedPoints(string body, out int rejectedPoints)
    {
        rejectedPoints = 0;
        var message = ErrorMessage(body);
        if (message is null || !message.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var reason = message.AsSpan(Prefix.Length);
        var dropped = 0;
        var marker = reason.LastIndexOf(DroppedMarker, StringComparison.Ordinal);
        if (marker >= 0 && int.TryParse(reason[(marker + DroppedMarker.Length)..], NumberStyles.None, CultureInfo.InvariantCulture, out dropped))
        {
            reason = reason[..marker];
        }

        // A rejected line never holds a line feed (the writer escapes them), so each one starts a segment.
        var unparsed = 0;
        foreach (var range in reason.Split('\n'))
        {
            if (reason[range].StartsWith(UnparsedLine, StringComparison.Ordinal))
            {
                unparsed++;
            }
        }

        rejectedPoints = Math.Max(1, dropped + unparsed);
        return true;
    }

    private static string? ErrorMessage(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            if ((root.TryGetProperty("error", out var error) || root.TryGetProperty("message", out error)) && error.ValueKind == JsonValueKind.String)
            {
                return error.GetString();
            }

            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
