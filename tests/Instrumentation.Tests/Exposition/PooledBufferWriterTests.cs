using Instrumentation.Exposition;

namespace Instrumentation.Tests.Exposition;

public class PooledBufferWriterTests
{
    [Fact]
    public void GetSpan_BeyondCapacity_GrowsAndKeepsWhatWasWritten()
    {
        using var writer = new PooledBufferWriter(256);
        var first = writer.GetSpan(3);
        "abc"u8.CopyTo(first);
        writer.Advance(3);

        var large = writer.GetSpan(10_000);
        large.Length.Should().BeGreaterThanOrEqualTo(10_000);
        large[0] = (byte)'d';
        writer.Advance(1);

        writer.WrittenSpan.ToArray().Should().Equal("abcd"u8.ToArray());
    }

    [Fact]
    public void Reset_KeepsTheArrayForTheNextUse()
    {
        using var writer = new PooledBufferWriter(256);
        writer.GetSpan(50_000);
        var capacity = writer.Capacity;

        writer.Reset();

        writer.WrittenCount.Should().Be(0);
        writer.Capacity.Should().Be(capacity);
    }

    [Fact]
    public void Advance_PastTheSpanGiven_Throws()
    {
        using var writer = new PooledBufferWriter(256);
        var free = writer.GetSpan().Length;

        var act = () => writer.Advance(free + 1);

        act.Should().Throw<InvalidOperationException>();
    }
}
