using System.Buffers;
using System.Text.Unicode;

namespace Instrumentation.Push;

/// <summary>
/// The escaping rules of InfluxDB line protocol, written as UTF-8 straight into a buffer: a measurement
/// escapes commas and spaces; tag keys, tag values and field keys escape commas, equals signs and
/// spaces. Each escape is a backslash. A line feed cannot be escaped in line protocol, so it is written
/// as an escaped space. (Every field we write is numeric, so the string-field rules never apply.)
/// </summary>
internal static class LineProtocolEscaping
{
    private static readonly SearchValues<char> MeasurementSpecials = SearchValues.Create(", \n");
    private static readonly SearchValues<char> KeySpecials = SearchValues.Create(",= \n");

    public static void WriteMeasurement(IBufferWriter<byte> output, ReadOnlySpan<char> text) => Write(output, text, MeasurementSpecials);

    public static void WriteKey(IBufferWriter<byte> output, ReadOnlySpan<char> text) => Write(output, text, KeySpecials);

    private static void Write(IBufferWriter<byte> output, ReadOnlySpan<char> text, SearchValues<char> specials)
    {
        var span = output.GetSpan((text.Length * 3) + 1);
        var position = 0;
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

        output.Advance(position);
    }
}
