using System.Collections;
using System.Globalization;
using System.Text;

namespace Instrumentation.OpenTelemetry;

/// <summary>Formats an OpenTelemetry tag value (any object) as a Prometheus label value.</summary>
internal static class TagValueFormatter
{
    public static string Format(object? value) => value switch
    {
        null => string.Empty,
        string s => s,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable items => FormatSequence(items),
        _ => value.ToString() ?? string.Empty,
    };

    // OpenTelemetry allows arrays of primitives as attribute values; the OpenTelemetry Prometheus
    // compatibility rules render them as a JSON-like list.
    private static string FormatSequence(IEnumerable items)
    {
        var result = new StringBuilder("[");
        var first = true;
        foreach (var item in items)
        {
            if (!first)
            {
                result.Append(',');
            }

            first = false;
            if (item is string s)
            {
                result.Append('"').Append(s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                result.Append(Format(item));
            }
        }

        return result.Append(']').ToString();
    }
}
