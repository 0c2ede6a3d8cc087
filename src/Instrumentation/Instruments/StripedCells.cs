using System.Numerics;

namespace Instrumentation.Instruments;

/// <summary>
/// A 64-bit total spread over one cell per processor (rounded up to a power of two), each on its own
/// cache lines, so that threads on different cores add without moving one line back and forth.
/// The total is the sum of the cells; it is exact once the adders are done.
/// </summary>
internal sealed class StripedCells
{
    // 128 bytes between cells: separate 64-byte lines even with adjacent-line prefetching.
    private const int Stride = 128 / sizeof(long);

    private readonly long[] _cells;
    private readonly int _mask;

    public StripedCells()
    {
        var count = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(Environment.ProcessorCount, 2, 64));
        _mask = count - 1;
        _cells = new long[count * Stride];
    }

    public void Add(long amount) =>
        Interlocked.Add(ref _cells[(Thread.GetCurrentProcessorId() & _mask) * Stride], amount);

    public long Sum()
    {
        long sum = 0;
        for (var i = 0; i < _cells.Length; i += Stride)
        {
            sum += Volatile.Read(ref _cells[i]);
        }

        return sum;
    }
}
