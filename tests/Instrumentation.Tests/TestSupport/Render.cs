using System.Buffers;
using System.Text;
using Instrumentation.Collection;
using Instrumentation.Exposition;

namespace Instrumentation.Tests.TestSupport;

/// <summary>Runs one writer over one source, the way a scrape does, and returns the text.</summary>
public static class Render
{
    public static string Text(IMetricsSource source, ExpositionFormat format)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = ExpositionWriter.Create(format, buffer);
        source.Collect(writer);
        writer.Complete();
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static byte[] Bytes(IMetricsSource source, ExpositionFormat format)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = ExpositionWriter.Create(format, buffer);
        source.Collect(writer);
        writer.Complete();
        return buffer.WrittenSpan.ToArray();
    }
}
