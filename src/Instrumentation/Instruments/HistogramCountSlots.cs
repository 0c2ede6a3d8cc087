using System.Runtime.CompilerServices;

namespace Instrumentation.Instruments;

/// <summary>
/// Fixed-size blocks of bucket counts that a <see cref="InlineHistogramChild{TSlots}"/> holds inside
/// its own object, in a few size classes, so a histogram series needs no separate counts array.
/// </summary>
internal static class HistogramCountSlots
{
    /// <summary>The most counts (finite buckets plus +Inf) a series holds inline; beyond, an array.</summary>
    public const int MaxInline = 16;

    /// <summary>Marks a block of <c>long</c> counts; its size in bytes over 8 is its slot count.</summary>
    public interface ISlots
    {
    }

    /// <summary>Up to 4 counts (3 finite buckets).</summary>
    [InlineArray(4)]
    public struct Four : ISlots
    {
        private long _first;
    }

    /// <summary>Up to 8 counts (7 finite buckets).</summary>
    [InlineArray(8)]
    public struct Eight : ISlots
    {
        private long _first;
    }

    /// <summary>Up to 12 counts (11 finite buckets, as client_golang's default buckets).</summary>
    [InlineArray(12)]
    public struct Twelve : ISlots
    {
        private long _first;
    }

    /// <summary>Up to 16 counts (15 finite buckets; our 14 default buckets land here).</summary>
    [InlineArray(MaxInline)]
    public struct Sixteen : ISlots
    {
        private long _first;
    }
}
