using System.Buffers;
using System.Buffers.Text;
using System.Text.Unicode;

namespace Instrumentation.Exposition;

/// <summary>
/// The primitives both text writers are made of: ASCII tokens, UTF-8 names, escaped strings and numbers,
/// each written straight into the caller's <see cref="IBufferWriter{T}"/> with no intermediate string.
/// </summary>
internal static class Utf8Output
{
    private static readonly SearchValues<char> HelpSpecials = SearchValues.Create("\\\n");
    private static readonly SearchValues<char> QuotedSpecials = SearchValues.Create("\\\n\"");

    /// <summary>Writes bytes as they are.</summary>
    public static void WriteRaw(this IBufferWriter<byte> output, ReadOnlySpan<byte> bytes)
    {
        var span = output.GetSpan(bytes.Length);
        bytes.CopyTo(span);
        output.Advance(bytes.Length);
    }

    /// <summary>Writes one ASCII byte.</summary>
    public static void WriteByte(this IBufferWriter<byte> output, byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }

    /// <summary>Writes a name (metric or label) as UTF-8; names are never escaped.</summary>
    public static void WriteName(this IBufferWriter<byte> output, string name)
    {
        var span = output.GetSpan(name.Length * 3);
        Utf8.FromUtf16(name, span, out _, out var written, replaceInvalidSequences: true);
        output.Advance(written);
    }

    /// <summary>Writes HELP text of Prometheus text 0.0.4: backslash and line feed escaped.</summary>
    public static void WriteEscapedHelp(this IBufferWriter<byte> output, string text) => WriteEscaped(output, text, HelpSpecials);

    /// <summary>Writes a label value, or OpenMetrics HELP text: backslash, line feed and double quote escaped.</summary>
    public static void WriteEscapedQuoted(this IBufferWriter<byte> output, string text) => WriteEscaped(output, text, QuotedSpecials);

    /// <summary>Writes a 64-bit integer in decimal.</summary>
    public static void WriteInteger(this IBufferWriter<byte> output, long value)
    {
        var span = output.GetSpan(20);
        Utf8Formatter.TryFormat(value, span, out var written);
        output.Advance(written);
    }

    /// <summary>Writes a double in the given style.</summary>
    public static void WriteFloat(this IBufferWriter<byte> output, double value, FloatStyle style)
    {
        var span = output.GetSpan(FloatFormatter.MaxLength);
        output.Advance(FloatFormatter.Format(value, span, style));
    }

    /// <summary>
    /// Escapes <paramref name="text"/> into UTF-8. Invalid UTF-16 (a lone surrogate) becomes U+FFFD, so
    /// any string a caller gives produces valid output rather than an exception.
    /// </summary>
    private static void WriteEscaped(IBufferWriter<byte> output, string text, SearchValues<char> specials)
    {
        // A UTF-16 unit becomes at most 3 UTF-8 bytes; an escaped character becomes 2.
        var span = output.GetSpan(text.Length * 3);
        var remaining = text.AsSpan();
        var position = 0;
        while (true)
        {
            var index = remaining.IndexOfAny(specials);
            var run = index < 0 ? remaining : remaining[..index];
            Utf8.FromUtf16(run, span[position..], out _, out var written, replaceInvalidSequences: true);
            position += written;
            if (index < 0)
            {
                break;
            }

            span[position++] = (byte)'\\';
            span[position++] = remaining[index] switch
            {
                '\n' => (byte)'n',
                '"' => (byte)'"',
                _ => (byte)'\\',
            };
            remaining = remaining[(index + 1)..];
        }

        output.Advance(position);
    }
}
