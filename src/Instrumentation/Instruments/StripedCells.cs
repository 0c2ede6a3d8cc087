using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Instrumentation.Instruments;

/// <summary>
/// A 64-bit total spread over one cell per processor (rounded up to a power of two), each on its own
/// cache lines, so that threads on different cores add without moving one line back and forth.
/// The total is the sum of the cells; it is exact once the adders are done.
/// </summary>
/// <remarks>
/// <para>
/// The cells are a bare <c>long[]</c> held by the series itself, not an object around one: on the hot
/// path that is one dependent load fewer, and the cell count is a static the JIT folds into a constant.
/// </para>
/// <para>
/// A thread picks its cell by a per-thread probe, not by <see cref="Thread.GetCurrentProcessorId"/>:
/// the probe is a thread-static read, where the processor id costs a few nanoseconds and changes under
/// the thread when it migrates. Two threads whose probes land on the same cell find out when a
/// compare-exchange on it fails; the loser moves its probe to another cell (for every striped counter:
/// the probe belongs to the thread) and adds there, so busy threads drift apart after a few collisions.
/// </para>
/// <para>
/// The first cell sits one stride into the array: index 0 would share its cache line with the array's
/// length, so one thread's adds would keep pulling that line away from any reader of the length.
/// </para>
/// </remarks>
internal static class StripedCells
{
    // 128 bytes between cells: separate 64-byte lines even with adjacent-line prefetching.
    private const int Stride = 128 / sizeof(long);

    private static readonly int s_mask = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(Environment.ProcessorCount, 2, 64)) - 1;

    // Where the last thread to need a probe started; a golden-ratio step spreads successive threads.
    private static int s_nextProbeSeed;

    [ThreadStatic]
    private static int t_probe;

    /// <summary>How many cells a total is spread over: a power of two, at least 2, covering every processor up to 64.</summary>
    public static int CellCount => s_mask + 1;

    /// <summary>New cells, all zero.</summary>
    /// <remarks>One stride before the first cell (away from the array header), one after the last (away from whatever the heap puts next).</remarks>
    public static long[] Create() => new long[((CellCount + 1) * Stride) + 1];

    /// <summary>Adds <paramref name="amount"/> to the calling thread's cell of <paramref name="cells"/>.</summary>
    /// <param name="cells">Cells from <see cref="Create"/> (the index is not bounds-checked).</param>
    /// <param name="amount">What to add.</param>
    public static void Add(long[] cells, long amount)
    {
        var probe = t_probe;
        if (probe == 0)
        {
            probe = NewProbe();
        }

        ref var cell = ref Cell(cells, probe);
        var current = Volatile.Read(ref cell);
        if (Interlocked.CompareExchange(ref cell, current + amount, current) != current)
        {
            AddAfterCollision(cells, amount, probe);
        }
    }

    /// <summary>The total of <paramref name="cells"/>.</summary>
    /// <param name="cells">Cells from <see cref="Create"/>.</param>
    public static long Sum(long[] cells)
    {
        long sum = 0;
        for (var i = 1; i <= CellCount; i++)
        {
            sum += Volatile.Read(ref cells[i * Stride]);
        }

        return sum;
    }

    // Masked to a cell that Create allocated, so the bounds check can go.
    private static ref long Cell(long[] cells, int probe) =>
        ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(cells), ((probe & s_mask) + 1) * Stride);

    private static int NewProbe()
    {
        var probe = Interlocked.Add(ref s_nextProbeSeed, unchecked((int)0x9E3779B9));
        probe = probe == 0 ? 1 : probe;
        t_probe = probe;
        return probe;
    }

    private static void AddAfterCollision(long[] cells, long amount, int probe)
    {
        // Xorshift: a different cell next time, for this counter and every other striped one.
        probe ^= probe << 13;
        probe ^= (int)((uint)probe >> 17);
        probe ^= probe << 5;
        t_probe = probe;
        Interlocked.Add(ref Cell(cells, probe), amount);
    }
}
