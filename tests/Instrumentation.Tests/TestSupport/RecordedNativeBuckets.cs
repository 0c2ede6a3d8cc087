using Instrumentation.Collection;

namespace Instrumentation.Tests.TestSupport;

/// <summary>The native buckets of a histogram series, copied out of a <see cref="NativeHistogramBuckets"/>.</summary>
public sealed record RecordedNativeBuckets(
    int Schema,
    double ZeroThreshold,
    long ZeroCount,
    IReadOnlyList<int> PositiveIndexes,
    IReadOnlyList<long> PositiveCounts,
    IReadOnlyList<int> NegativeIndexes,
    IReadOnlyList<long> NegativeCounts,
    long Count)
{
    /// <summary>Copies <paramref name="native"/> out of its spans.</summary>
    public static RecordedNativeBuckets Copy(NativeHistogramBuckets native) =>
        new(
            native.Schema,
            native.ZeroThreshold,
            native.ZeroCount,
            native.PositiveIndexes.ToArray(),
            native.PositiveCounts.ToArray(),
            native.NegativeIndexes.ToArray(),
            native.NegativeCounts.ToArray(),
            native.Count);

    /// <summary>The positive buckets as index → count.</summary>
    public IReadOnlyDictionary<int, long> Positive => PositiveIndexes.Zip(PositiveCounts).ToDictionary(p => p.First, p => p.Second);

    /// <summary>The negative buckets as index → count.</summary>
    public IReadOnlyDictionary<int, long> Negative => NegativeIndexes.Zip(NegativeCounts).ToDictionary(p => p.First, p => p.Second);
}
