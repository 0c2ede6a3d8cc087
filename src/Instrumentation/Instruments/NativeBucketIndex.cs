using System.Runtime.CompilerServices;
using Instrumentation.Collection;

namespace Instrumentation.Instruments;

/// <summary>
/// Maps a positive value to its native histogram bucket index at a schema, exactly as Prometheus bounds them:
/// bucket <c>i</c> holds <c>(2^((i-1)·2^-s), 2^(i·2^-s)]</c>.
/// </summary>
/// <remarks>
/// From the double's bits: its exponent gives the power of two, and for schema &gt; 0 its mantissa is compared
/// with the mantissas of the bucket bounds inside one power of two. A 256-entry table indexed by the mantissa's top
/// 8 bits gives the first bound to compare with; the bounds are at least 2^(1/256) apart, more than a table step,
/// so at most two comparisons follow. No logarithm, no division, no allocation. The bounds are the correctly
/// rounded <c>2^(k/2^s)</c>; Prometheus' own table is one ulp lower at some of them, so only a value exactly there
/// may land one bucket above where Prometheus would put it.
/// </remarks>
internal static class NativeBucketIndex
{
    private const int MantissaBits = 52;
    private const long MantissaMask = (1L << MantissaBits) - 1;
    private const int StartBits = 8;

    // Per schema 1..8: the mantissa bits of 2^(k/2^s) for k = 0..2^s (the last one, 2.0, stands as 2^52, above every mantissa).
    private static readonly long[][] BoundMantissas = CreateBoundMantissas();

    // Per schema 1..8: for each value of the top 8 mantissa bits, the first k whose bound is not below that slot's smallest mantissa.
    private static readonly ushort[][] FirstCandidates = CreateFirstCandidates();

    /// <summary>Returns the index of the bucket holding <paramref name="magnitude"/> (finite, above 0) at <paramref name="schema"/>.</summary>
    /// <remarks>Inlined with only the common case (a normal number, not a power of two, schema above 0) in line: small
    /// enough that the JIT keeps inlining the rest of a caller's hot path too.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Of(double magnitude, int schema)
    {
        var bits = BitConverter.DoubleToInt64Bits(magnitude);
        var biased = (int)(bits >> MantissaBits);
        var mantissa = bits & MantissaMask;
        if (biased == 0 || mantissa == 0 || schema <= 0)
        {
            return OfUncommon(magnitude, schema);
        }

        var bounds = BoundMantissas[schema];
        int k = FirstCandidates[schema][(int)(mantissa >> (MantissaBits - StartBits))];
        while (bounds[k] < mantissa)
        {
            k++;
        }

        return ((biased - 1023) << schema) + k;
    }

    /// <summary>The index, <paramref name="steps"/> schemas coarser, of the bucket that contains bucket <paramref name="index"/>: ceil(index / 2^steps).</summary>
    public static int Reduce(int index, int steps) => ((index - 1) >> steps) + 1;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int OfUncommon(double magnitude, int schema)
    {
        var bits = BitConverter.DoubleToInt64Bits(magnitude);
        var biased = (int)(bits >> MantissaBits);
        if (biased == 0)
        {
            // 2^64 times a subnormal value is a normal number 64 powers of two higher: 64·2^s buckets higher (a whole
            // number of buckets at every schema down to -4, since 64 is a multiple of 2^4).
            var shift = schema >= 0 ? 64 << schema : 64 >> -schema;
            return Of(magnitude * 18446744073709551616.0, schema) - shift;
        }

        var exponent = biased - 1023;
        var mantissa = bits & MantissaMask;
        if (schema > 0)
        {
            // A power of two, 2^e, is the upper bound of the last bucket of the octave below it.
            return exponent << schema;
        }

        // Schema 0: 2^e itself is the upper bound of bucket e; anything above it belongs to bucket e + 1.
        var index = mantissa == 0 ? exponent : exponent + 1;
        return schema == 0 ? index : Reduce(index, -schema);
    }

    private static long[][] CreateBoundMantissas()
    {
        var tables = new long[NativeHistogramBuckets.MaxSchema + 1][];
        for (var schema = 1; schema <= NativeHistogramBuckets.MaxSchema; schema++)
        {
            var perOctave = 1 << schema;
            var table = new long[perOctave + 1];
            for (var k = 0; k < perOctave; k++)
            {
                table[k] = BitConverter.DoubleToInt64Bits(Math.Pow(2, (double)k / perOctave)) & MantissaMask;
            }

            table[perOctave] = 1L << MantissaBits;
            tables[schema] = table;
        }

        return tables;
    }

    private static ushort[][] CreateFirstCandidates()
    {
        var bounds = CreateBoundMantissas();
        var tables = new ushort[NativeHistogramBuckets.MaxSchema + 1][];
        for (var schema = 1; schema <= NativeHistogramBuckets.MaxSchema; schema++)
        {
            var table = new ushort[1 << StartBits];
            var k = 0;
            for (var slot = 0; slot < table.Length; slot++)
            {
                var smallest = (long)slot << (MantissaBits - StartBits);
                while (bounds[schema][k] < smallest)
                {
                    k++;
                }

                table[slot] = (ushort)k;
            }

            tables[schema] = table;
        }

        return tables;
    }
}
