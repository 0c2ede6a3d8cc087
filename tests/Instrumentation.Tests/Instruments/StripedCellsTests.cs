using System.Numerics;
using Instrumentation.Instruments;
using Instrumentation.Tests.TestSupport;

namespace Instrumentation.Tests.Instruments;

public class StripedCellsTests
{
    [Fact]
    public void CellCount_IsAPowerOfTwoOfAtLeastTwo()
    {
        var cells = new StripedCells();

        cells.CellCount.Should().BeGreaterThanOrEqualTo(2);
        BitOperations.IsPow2(cells.CellCount).Should().BeTrue();
    }

    [Fact]
    public void Sum_OfNewCells_IsZero() => new StripedCells().Sum().Should().Be(0);

    [Fact]
    public void Sum_AfterAddsFromOneThread_IsTheirTotal()
    {
        var cells = new StripedCells();

        cells.Add(1);
        cells.Add(41);
        cells.Add(long.MaxValue / 2);

        cells.Sum().Should().Be(42 + (long.MaxValue / 2));
    }

    [Fact]
    public void Sum_AfterMoreThreadsThanCellsAdd_CountsEveryAdd()
    {
        var cells = new StripedCells();
        var threads = (cells.CellCount * 2) + 1;

        // More threads than cells: some must share a cell, lose compare-exchanges and move on.
        Concurrently.Run(threads, thread =>
        {
            for (var i = 0; i < 100_000; i++)
            {
                cells.Add(thread + 1);
            }
        });

        var expected = 100_000L * threads * (threads + 1) / 2;
        cells.Sum().Should().Be(expected);
    }

    [Fact]
    public void Sum_ReadWhileThreadsAdd_NeverGoesDown()
    {
        var cells = new StripedCells();
        var adding = true;
        var wentDown = false;

        Concurrently.Run(
            () =>
            {
                for (var i = 0; i < 200_000; i++)
                {
                    cells.Add(1);
                }
            },
            () =>
            {
                for (var i = 0; i < 200_000; i++)
                {
                    cells.Add(1);
                }

                Volatile.Write(ref adding, false);
            },
            () =>
            {
                long last = 0;
                while (Volatile.Read(ref adding))
                {
                    var sum = cells.Sum();
                    wentDown |= sum < last;
                    last = sum;
                }
            });

        wentDown.Should().BeFalse();
        cells.Sum().Should().Be(400_000);
    }
}
