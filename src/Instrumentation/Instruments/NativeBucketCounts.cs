using System.Runtime.CompilerServices;
using Instrumentation.Collection;

namespace Instrumentation.Instruments;

/// <summary>
/// The positive and negative bucket counts of one native histogram series at one schema: two dense arrays, each
/// covering a window of bucket indexes. Observations increment them lock free; a value outside the windows needs
/// a new instance (<see cref="Grow"/>), which is how a series widens its windows or lowers its schema.
/// </summary>
/// <remarks>
/// <para>
/// The layout (schema, windows) never changes; the counts do. Replacing an instance must neither lose nor double
/// count an observation racing with it, without making every observation pay for that. <see cref="Grow"/> freezes
/// this instance: it swaps every count for <see cref="Frozen"/>, a large negative number, and carries what it
/// swapped out into the new instance. An observation that increments a count of a frozen instance gets a
/// non-positive result back, so <see cref="TryIncrement"/> reports failure and the caller observes again into the
/// newer instance; the increment it made is on a value nobody reads any more. An increment made before the swap is
/// in the value carried over. So every observation is counted exactly once, for the price of one sign test.
/// </para>
/// <para>
/// <see cref="Grow"/> and reading the counts for a collection run under the series' gate, so a collection never
/// sees an instance half carried over.
/// </para>
/// </remarks>
internal sealed class NativeBucketCounts
{
    /// <summary>What a frozen count holds: far enough below zero that no number of late increments brings it back above.</summary>
    internal const long Frozen = long.MinValue / 2;

    private const int MinHeadroom = 4;

    private NativeBucketCounts(int schema, int positiveOffset, long[] positive, int negativeOffset, long[] negative)
    {
        Schema = schema;
        PositiveOffset = positiveOffset;
        Positive = positive;
        NegativeOffset = negativeOffset;
        Negative = negative;
    }

    /// <summary>The resolution of these buckets.</summary>
    public int Schema { get; }

    /// <summary>The bucket index of <c>Positive[0]</c>.</summary>
    public int PositiveOffset { get; }

    /// <summary>The counts of the positive buckets <see cref="PositiveOffset"/> onwards.</summary>
    public long[] Positive { get; }

    /// <summary>The bucket index of <c>Negative[0]</c>.</summary>
    public int NegativeOffset { get; }

    /// <summary>The counts of the negative buckets <see cref="NegativeOffset"/> onwards.</summary>
    public long[] Negative { get; }

    /// <summary>An instance with no buckets yet: the first observation grows it around itself.</summary>
    public static NativeBucketCounts Empty(int schema) => new(schema, 0, [], 0, []);

    /// <summary>
    /// Counts <paramref name="value"/> (finite, its absolute value above the zero threshold) and returns true, or
    /// returns false when it falls outside the windows or this instance is frozen: then grow or re-read, and retry.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryIncrement(double value)
    {
        long[] counts;
        int slot;
        if (value > 0)
        {
            counts = Positive;
            slot = NativeBucketIndex.Of(value, Schema) - PositiveOffset;
        }
        else
        {
            counts = Negative;
            slot = NativeBucketIndex.Of(-value, Schema) - NegativeOffset;
        }

        return (uint)slot < (uint)counts.Length && Interlocked.Increment(ref counts[slot]) > 0;
    }

    /// <summary>
    /// Freezes this instance and returns one holding all its counts, whose windows include <paramref name="value"/>
    /// (not counted: the caller retries). The returned schema is this one, or lower when the buckets from the lowest
    /// to the highest observation of both sides would number more than <paramref name="maxBucketCount"/>.
    /// Call with the series' gate held.
    /// </summary>
    public NativeBucketCounts Grow(double value, int maxBucketCount)
    {
        var positive = Drain(Positive);
        var negative = Drain(Negative);
        var (positiveLow, positiveHigh) = Populated(positive, PositiveOffset);
        var (negativeLow, negativeHigh) = Populated(negative, NegativeOffset);
        var index = NativeBucketIndex.Of(Math.Abs(value), Schema);
        if (value > 0)
        {
            (positiveLow, positiveHigh) = (Math.Min(positiveLow, index), Math.Max(positiveHigh, index));
        }
        else
        {
            (negativeLow, negativeHigh) = (Math.Min(negativeLow, index), Math.Max(negativeHigh, index));
        }

        var steps = 0;
        while (Schema - steps > NativeHistogramBuckets.MinSchema
            && Width(positiveLow, positiveHigh, steps) + Width(negativeLow, negativeHigh, steps) > maxBucketCount)
        {
            steps++;
        }

        var positiveWidth = Width(positiveLow, positiveHigh, steps);
        var negativeWidth = Width(negativeLow, negativeHigh, steps);
        var (newPositiveOffset, newPositive) = Allocate(positiveLow, positiveWidth, steps, Math.Max(positiveWidth, maxBucketCount - negativeWidth));
        var (newNegativeOffset, newNegative) = Allocate(negativeLow, negativeWidth, steps, Math.Max(negativeWidth, maxBucketCount - positiveWidth));
        CarryOver(positive, PositiveOffset, newPositive, newPositiveOffset, steps);
        CarryOver(negative, NegativeOffset, newNegative, newNegativeOffset, steps);
        return new NativeBucketCounts(Schema - steps, newPositiveOffset, newPositive, newNegativeOffset, newNegative);
    }

    /// <summary>Copies the non-zero counts of one side into <paramref name="indexes"/> and <paramref name="counts"/> (as long as the window) and returns how many.</summary>
    public static int ReadSide(long[] window, int offset, Span<int> indexes, Span<long> counts)
    {
        var written = 0;
        for (var slot = 0; slot < window.Length; slot++)
        {
            var count = Volatile.Read(ref window[slot]);
            if (count > 0)
            {
                indexes[written] = offset + slot;
                counts[written] = count;
                written++;
            }
        }

        return written;
    }

    private static long[] Drain(long[] window)
    {
        var drained = new long[window.Length];
        for (var slot = 0; slot < window.Length; slot++)
        {
            drained[slot] = Interlocked.Exchange(ref window[slot], Frozen);
        }

        return drained;
    }

    /// <summary>The lowest and highest index with a count; (int.MaxValue, int.MinValue) when none.</summary>
    private static (int Low, int High) Populated(long[] counts, int offset)
    {
        var low = int.MaxValue;
        var high = int.MinValue;
        for (var slot = 0; slot < counts.Length; slot++)
        {
            if (counts[slot] != 0)
            {
                low = Math.Min(low, offset + slot);
                high = offset + slot;
            }
        }

        return (low, high);
    }

    /// <summary>How many buckets <paramref name="steps"/> schemas coarser span from <paramref name="low"/> to <paramref name="high"/> (0 when empty).</summary>
    private static int Width(int low, int high, int steps) =>
        low > high ? 0 : NativeBucketIndex.Reduce(high, steps) - NativeBucketIndex.Reduce(low, steps) + 1;

    /// <summary>A window for <paramref name="width"/> buckets from <paramref name="low"/> (at the finer schema), with headroom on both sides up to <paramref name="limit"/>.</summary>
    private static (int Offset, long[] Counts) Allocate(int low, int width, int steps, int limit)
    {
        if (width == 0)
        {
            return (0, []);
        }

        var length = Math.Min(width + (2 * Math.Max(MinHeadroom, width / 2)), limit);
        var offset = NativeBucketIndex.Reduce(low, steps) - ((length - width) / 2);
        return (offset, new long[length]);
    }

    private static void CarryOver(long[] from, int fromOffset, long[] to, int toOffset, int steps)
    {
        for (var slot = 0; slot < from.Length; slot++)
        {
            if (from[slot] != 0)
            {
                to[NativeBucketIndex.Reduce(fromOffset + slot, steps) - toOffset] += from[slot];
            }
        }
    }
}
