using System.Numerics;

namespace Instrumentation.Instruments;

/// <summary>
/// A 64-bit total spread over one cell per processor (rounded up to a power of two), each on its own
/// cache lines, so that threads on different cores add without moving one line back and forth.
/// The total is the sum of the cells; it is exact once the adders are done.
/// </summary>
/// <remarks>
/// <para>
/// A thread picks its cell by a per-thread probe, not by <see cref="Thread.GetCurrentProcessorId"/>:
/// the probe is a thread-static read, where the processor id costs a few nanoseconds and changes under
/// the thread when it migrates. Two threads whose probes land on the same cell find out when a
/// compare-exchange on it fails; the loser moves its probe to another cell (for every striped counter:
/// the probe belongs to the thread) and adds there, so busy threads drift apart after a few collisions.
/// </para>
/// <para>
/// The first cell sits one stride into the array: index 0 would share its cache line with the array's
/// length, which every add reads for the bounds check, so one thread's adds would keep pulling that
/// line away from every other thread's reads.
/// </para>
/// </remarks>
internal sealed class StripedCells
{
    // 128 bytes between cells: separate 64-byte lines even with adjacent-line prefetching.
    private const int Stride = 128 / sizeof(long);

    // Where the last thread to need a probe started; a golden-ratio step spreads successive threads.
    private static int s_nextProbeSeed;

    [ThreadStatic]
    private static int t_probe;

    private readonly long[] _cells;
    private readonly int _mask;

    public StripedCells()
    {
        var count = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(Environment.ProcessorCount, 2, 64));
        _mask = count - 1;

        // One stride before the first cell (away from the array header), one after the last (away from
        // whatever the heap puts next).
        _cells = new long[(count + 1) * Stride + 1];
    }

    /// <summary>How many cells the total is spread over.</summary>
    public int CellCount => _mask + 1;

    public void Add(long amount)
    {
        var probe = t_probe;
        if (probe == 0)
        {
            probe = NewProbe();
        }

        ref var cell = ref _cells[((probe & _mask) + 1) * Stride];
        var current = Volatile.Read(ref cell);
        if (Interlocked.CompareExchange(ref cell, current + amount, current) != current)
        {
            AddAfterCollision(amount, probe);
        }
    }

    public long Sum()
    {
        long sum = 0;
        for (var i = 1; i <= _mask + 1; i++)
        {
            sum += Volatile.Read(ref _cells[i * Stride]);
        }

        return sum;
    }

    private static int NewProbe()
    {
        var probe = Interlocked.Add(ref s_nextProbeSeed, unchecked((int)0x9E3779B9));
        probe = probe == 0 ? 1 : probe;
        t_probe = probe;
        return probe;
    }

    private void AddAfterCollision(long amount, int probe)
    {
        // Xorshift: a different cell next time, for this counter and every other striped one.
        probe ^= probe << 13;
        probe ^= (int)((uint)probe >> 17);
        probe ^= probe << 5;
        t_probe = probe;
        Interlocked.Add(ref _cells[((probe & _mask) + 1) * Stride], amount);
    }
}
