namespace Instrumentation.Benchmarks.Support;

/// <summary>
/// Precomputed observations spread evenly over every bucket of a layout (the +Inf bucket included),
/// in a seeded random order, so the bucket search meets the branch mispredictions real traffic causes.
/// </summary>
internal static class ObservationValues
{
    /// <summary>The number of values; a power of two so callers can wrap an index with <see cref="Mask"/>.</summary>
    public const int Count = 4096;

    /// <summary>Wraps an index into the array.</summary>
    public const int Mask = Count - 1;

    /// <summary>Returns <see cref="Count"/> values; value <c>i</c> falls in bucket <c>i % (bounds + 1)</c> before shuffling.</summary>
    public static double[] Create(IReadOnlyList<double> bounds)
    {
        var random = new Random(20261122);
        var values = new double[Count];
        var buckets = bounds.Count + 1;
        for (var i = 0; i < Count; i++)
        {
            var bucket = i % buckets;
            var lower = bucket == 0 ? 0 : bounds[bucket - 1];
            var upper = bucket == bounds.Count ? bounds[^1] * 2 : bounds[bucket];

            // Strictly inside (lower, upper): lands in this bucket and no other.
            values[i] = lower + ((upper - lower) * (0.05 + (0.9 * random.NextDouble())));
        }

        random.Shuffle(values);
        return values;
    }
}
