using System.Buffers;
using System.Text.Unicode;

namespace Instrumentation.Push;

/// <summary>
/// The escaping rules of InfluxDB line protocol, written as UTF-8 straight into a buffer. Each escape is a
/// backslash before the character:
/// <list type="bullet">
/// <item>measurement: commas and spaces;</item>
/// <item>tag keys, tag values and field keys: commas, equals signs and spaces.</item>
/// </list>
/// Two things line protocol cannot carry at all, in any InfluxDB 1.x or 2.x parser:
/// <list type="bullet">
/// <item>a line feed (it ends the line): it is written as an escaped space, so <c>a\nb</c> is stored as
/// <c>a b</c>;</item>
/// <item>a backslash at the end of a token: the parser takes it as escaping the separator that follows
/// (<c>v=C:\ value=1</c> and even <c>v=C:\\ value=1</c> are refused as "invalid tag format", and the
/// whole line with them). An escaped space is appended, so <c>C:\</c> is stored as <c>C:\ </c> (with
/// a trailing space) and the line stays valid.</item>
/// </list>
/// A backslash anywhere else is written as it is: InfluxDB unescapes only <c>\,</c>, <c>\=</c> and
/// <c>\ </c>, so <c>a\,b</c>, written <c>a\\,b</c>, reads back as <c>a\,b</c>. (Every field we write is
/// numeric, so the string-field rules, double quote and backslash, never apply.)
/// </summary>
internal static class LineProtocolEscaping
{
    private static readonly SearchValues<char> MeasurementSpecials = SearchValues.Create(", \n");
    private static readonly SearchValues<char> KeySpecials = SearchValues.Create(",= \n");

    /// <summary>Writes the measurement <paramref name="name"/> followed by <paramref name="suffix"/> (<c>_total</c>, or empty), escaped as one token.</summary>
    public static void WriteMeasurement(IBufferWriter<byte> output, ReadOnlySpan<char> name, ReadOnlySpan<char> suffix)
    {
        if (suffix.IsEmpty)
        {
            Write(output, name, MeasurementSpecials);
            return;
        }

        Write(output, name, MeasurementSpecials, endsToken: false);
        Write(output, suffix, MeasurementSpecials);
    }

    /// <summary>Writes a tag key, a tag value or a field key.</summary>
    public static void WriteKey(IBufferWriter<byte> output, ReadOnlySpan<char> text) => Write(output, text, KeySpecials);

    private static void Write(IBufferWriter<byte> output, ReadOnlySpan<char> text, SearchValues<char> specials, bool endsToken = true)
    {
        // At most 3 UTF-8 bytes per UTF-16 char (a special becomes 2), plus the escaped space after a final backslash.
        var span = output.GetSpan((text.Length * 3) + 2);
        var position = 0;
        var endsInBackslash = !text.IsEmpty && text[^1] == '\\';
        while (true)
        {
            var index = text.IndexOfAny(specials);
            var run = index < 0 ? text : text[..index];
            Utf8.FromUtf16(run, span[position..], out _, out var written, replaceInvalidSequences: true);
            position += written;
            if (index < 0)
            {
                break;
            }

            span[position++] = (byte)'\\';
            span[position++] = text[index] == '\n' ? (byte)' ' : (byte)text[index];
            text = text[(index + 1)..];
        }

        if (endsToken && endsInBackslash)
        {
            span[position++] = (byte)'\\';
            span[position++] = (byte)' ';
        }

        output.Advance(position);
    }
}
