using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Instrumentation.Instruments;

/// <summary>
/// Finds the bucket of an observation: the number of upper bounds strictly below the value, so a value
/// equal to a bound lands in that bound's bucket (<c>le</c>), and one above every bound in +Inf.
/// </summary>
/// <remarks>
/// A linear scan stops at the first bound not below the value: for values spread over the buckets, its
/// exit branch is mispredicted on most calls, which costs more than the comparisons. Here every bound
/// is compared, a vector of them at a time, and the "below" lanes are counted: no data-dependent
/// branch at all. The bounds are kept padded with +Inf to a whole number of vectors (a finite value is
/// never above +Inf, so padding counts nothing), which lets the loop run without a tail. Layouts with
/// more than <see cref="MaxVectorBounds"/> bounds, or no vector hardware, use a binary search.
/// </remarks>
internal static class BucketSearch
{
    /// <summary>Bounds per padding step: a 256-bit vector of doubles.</summary>
    public const int Stride = 4;

    /// <summary>The most padded bounds searched with vectors; past this a binary search does fewer comparisons.</summary>
    public const int MaxVectorBounds = 128;

    /// <summary>Returns <paramref name="bounds"/> padded with +Inf to a multiple of <see cref="Stride"/>.</summary>
    public static double[] Pad(double[] bounds)
    {
        var padded = new double[(bounds.Length + Stride - 1) / Stride * Stride];
        bounds.CopyTo(padded, 0);
        padded.AsSpan(bounds.Length).Fill(double.PositiveInfinity);
        return padded;
    }

    /// <summary>The bucket index of <paramref name="value"/> (0 to the number of real bounds; that last one is +Inf).</summary>
    /// <param name="padded">Ascending bounds from <see cref="Pad"/>.</param>
    /// <param name="value">A finite value (NaN would land in the first bucket).</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Find(double[] padded, double value)
    {
        if (Vector256.IsHardwareAccelerated && padded.Length <= MaxVectorBounds)
        {
            return CountBelow256(padded, value);
        }

        if (Vector128.IsHardwareAccelerated && padded.Length <= MaxVectorBounds)
        {
            return CountBelow128(padded, value);
        }

        return BinarySearch(padded, value);
    }

    /// <summary>The scalar reference: the first bound not below the value (what the vector paths must agree with).</summary>
    internal static int BinarySearch(double[] padded, double value)
    {
        int low = 0, high = padded.Length;
        while (low < high)
        {
            var middle = (int)((uint)(low + high) >> 1);
            if (padded[middle] < value)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    internal static int CountBelow256(double[] padded, double value)
    {
        ref var start = ref MemoryMarshal.GetArrayDataReference(padded);
        var broadcast = Vector256.Create(value);
        var below = Vector256<long>.Zero;
        for (nuint i = 0; i < (nuint)padded.Length; i += (nuint)Vector256<double>.Count)
        {
            // A lane is all ones (-1) where the bound is below the value.
            below -= Vector256.LessThan(Vector256.LoadUnsafe(ref start, i), broadcast).AsInt64();
        }

        return (int)Vector256.Sum(below);
    }

    internal static int CountBelow128(double[] padded, double value)
    {
        ref var start = ref MemoryMarshal.GetArrayDataReference(padded);
        var broadcast = Vector128.Create(value);
        var below = Vector128<long>.Zero;
        for (nuint i = 0; i < (nuint)padded.Length; i += (nuint)Vector128<double>.Count)
        {
            below -= Vector128.LessThan(Vector128.LoadUnsafe(ref start, i), broadcast).AsInt64();
        }

        return (int)Vector128.Sum(below);
    }
}
