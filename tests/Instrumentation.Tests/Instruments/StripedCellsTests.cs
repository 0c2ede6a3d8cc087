using System.Numerics;
using Instrumentation.Instruments;
using Instrumentation.Tests.TestSupport;

namespace Instrumentation.Tests.Instruments;

public class StripedCellsTests
{
    [Fact]
    public void CellCount_IsAPowerOfTwoOfAtLeastTwoCoveringEveryProcessor()
    {
        StripedCells.CellCount.Should().BeGreaterThanOrEqualTo(2);
        StripedCells.CellCount.Should().BeGreaterThanOrEqualTo(Math.Min(Environment.ProcessorCount, 64));
        BitOperations.IsPow2(StripedCells.CellCount).Should().BeTrue();
    }

    [Fact]
    public void Sum_OfNewCells_IsZero() => StripedCells.Sum(StripedCells.Create()).Should().Be(0);

    [Fact]
    public void Sum_AfterAddsFromOneThread_IsTheirTotal()
    {
        var cells = StripedCells.Create();

        StripedCells.Add(cells, 1);
        StripedCells.Add(cells, 41);
        StripedCells.Add(cells, long.MaxValue / 2);

        StripedCells.Sum(cells).Should().Be(42 + (long.MaxValue / 2));
    }

    [Fact]
    public void Sum_AfterMoreThreadsThanCellsAdd_CountsEveryAdd()
    {
        var cells = StripedCells.Create();
        var threads = (StripedCells.CellCount * 2) + 1;

        // More threads than cells: some must share a cell, lose compare-exchanges and move on.
        Concurrently.Run(threads, thread =>
        {
            for (var i = 0; i < 100_000; i++)
            {
                StripedCells.Add(cells, thread + 1);
            }
        });

        var expected = 100_000L * threads * (threads + 1) / 2;
        StripedCells.Sum(cells).Should().Be(expected);
    }

    [Fact]
    public void Sum_ReadWhileThreadsAdd_NeverGoesDown()
    {
        var cells = StripedCells.Create();
        var adding = true;
        var wentDown = false;

        Concurrently.Run(
            () =>
            {
                for (var i = 0; i < 200_000; i++)
                {
                    StripedCells.Add(cells, 1);
                }
            },
            () =>
            {
                for (var i = 0; i < 200_000; i++)
                {
                    StripedCells.Add(cells, 1);
                }

                Volatile.Write(ref adding, false);
            },
            () =>
            {
                long last = 0;
                while (Volatile.Read(ref adding))
                {
                    var sum = StripedCells.Sum(cells);
                    wentDown |= sum < last;
                    last = sum;
                }
            });

        wentDown.Should().BeFalse();
        StripedCells.Sum(cells).Should().Be(400_000);
    }
}
