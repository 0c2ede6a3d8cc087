using System.Runtime.CompilerServices;

namespace Instrumentation.Instruments;

/// <summary>Lock-free arithmetic on a double stored as its 64-bit pattern.</summary>
internal static class AtomicDouble
{
    public static double Read(ref long bits) => BitConverter.Int64BitsToDouble(Volatile.Read(ref bits));

    public static void Write(ref long bits, double value) => Volatile.Write(ref bits, BitConverter.DoubleToInt64Bits(value));

    // Inlined even where the caller was itself inlined and the JIT's budget is tight: it is on every histogram's hot path.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Add(ref long bits, double value)
    {
        var current = Volatile.Read(ref bits);
        while (true)
        {
            var updated = BitConverter.DoubleToInt64Bits(BitConverter.Int64BitsToDouble(current) + value);
            var seen = Interlocked.CompareExchange(ref bits, updated, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
