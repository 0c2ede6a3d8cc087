using Instrumentation.Quantiles;
using Instrumentation.Tests.TestSupport;

namespace Instrumentation.Tests.Quantiles;

public class ObservationBufferTests
{
    [Fact]
    public void TryAdd_WhenFull_ReturnsFalse()
    {
        var buffer = new ObservationBuffer(new ManualTimeProvider());
        for (int i = 0; i < ObservationBuffer.Capacity; i++)
        {
            buffer.TryAdd(i).Should().BeTrue();
        }

        buffer.IsFull.Should().BeTrue();
        buffer.TryAdd(-1).Should().BeFalse();
    }

    [Fact]
    public void Close_ReturnsTheBatchAndTheTimeOfItsFirstValue()
    {
        var time = new ManualTimeProvider();
        var buffer = new ObservationBuffer(time);
        time.Advance(TimeSpan.FromSeconds(3));
        buffer.TryAdd(1.5);
        time.Advance(TimeSpan.FromSeconds(4));
        buffer.TryAdd(-2.5);

        var batch = buffer.Close(out long start);

        batch.ToArray().Should().Equal(1.5, -2.5);
        start.Should().Be(TimeSpan.FromSeconds(3).Ticks);
        buffer.TryAdd(7).Should().BeFalse("a closed buffer takes nothing until it is reopened");
    }

    [Fact]
    public void Close_ReadsTheClockOncePerBatch()
    {
        var time = new ManualTimeProvider();
        var buffer = new ObservationBuffer(time);
        for (int i = 0; i < ObservationBuffer.Capacity; i++)
        {
            buffer.TryAdd(i);
        }

        time.Reads.Should().Be(1);
    }

    [Fact]
    public void Reopen_AcceptsTheNextBatch()
    {
        var time = new ManualTimeProvider();
        var buffer = new ObservationBuffer(time);
        buffer.TryAdd(1);
        buffer.Close(out _);
        buffer.Reopen();
        time.Advance(TimeSpan.FromSeconds(9));

        buffer.TryAdd(2).Should().BeTrue();
        buffer.Close(out long start).ToArray().Should().Equal(2.0);
        start.Should().Be(TimeSpan.FromSeconds(9).Ticks);
    }

    [Fact]
    public void Close_EmptyBuffer_ReturnsEmptyBatch()
    {
        var buffer = new ObservationBuffer(new ManualTimeProvider());

        buffer.Close(out _).IsEmpty.Should().BeTrue();
    }

    [Fact]
    public void TryAddAndClose_FromManyThreads_DeliverEveryValueExactlyOnce()
    {
        const int Writers = 4;
        const int PerWriter = 200_000;
        var buffer = new ObservationBuffer(new ManualTimeProvider());
        var gate = new Lock();
        var seen = new int[Writers * PerWriter];

        void Drain()
        {
            // The owner's part: under its lock, take the batch and reopen.
            lock (gate)
            {
                foreach (double value in buffer.Close(out _))
                {
                    seen[(int)value]++;
                }

                buffer.Reopen();
            }
        }

        var writers = new Thread[Writers];
        for (int w = 0; w < Writers; w++)
        {
            int writer = w;
            writers[w] = new Thread(() =>
            {
                for (int i = 0; i < PerWriter; i++)
                {
                    while (!buffer.TryAdd((i * Writers) + writer))
                    {
                        Drain();
                    }

                    if (i % 1000 == 0)
                    {
                        Drain(); // as a concurrent query would, on a partly filled buffer
                    }
                }
            });
        }

        foreach (var thread in writers)
        {
            thread.Start();
        }

        foreach (var thread in writers)
        {
            thread.Join();
        }

        Drain();
        seen.Should().OnlyContain(times => times == 1);
    }
}
