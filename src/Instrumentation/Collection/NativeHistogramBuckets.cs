namespace Instrumentation.Collection;

/// <summary>
/// The exponential ("native") buckets of one histogram series, as Prometheus' native histograms define them:
/// a resolution <see cref="Schema"/>, a zero bucket, and sparse positive and negative buckets given by index.
/// </summary>
/// <remarks>
/// <para>
/// With base <c>b = 2^(2^-schema)</c>, positive bucket <c>i</c> counts the observations in <c>(b^(i-1), b^i]</c>
/// and negative bucket <c>i</c> those in <c>[-b^i, -b^(i-1))</c>; the zero bucket counts those in
/// <c>[-ZeroThreshold, ZeroThreshold]</c>. Schema 3 (the instruments' default) gives 8 buckets per power of two,
/// each about 9% wide.
/// </para>
/// <para>
/// Buckets are listed by index, strictly ascending, with one plain (not cumulative, not delta) count each; a
/// count may be 0 (a bucket inside the range that saw nothing), so a writer may list it or skip it. The
/// protobuf exposition turns these into spans (runs of consecutive indexes) and deltas. The spans are only
/// valid during the visitor call that receives them, as every span of <see cref="HistogramPoint"/>.
/// </para>
/// <para><c>default</c> is "no native buckets": <see cref="IsPresent"/> is false.</para>
/// </remarks>
public readonly ref struct NativeHistogramBuckets
{
    /// <summary>The coarsest schema Prometheus accepts: buckets 2^16 = 65536 times wide.</summary>
    public const int MinSchema = -4;

    /// <summary>The finest schema Prometheus accepts: 256 buckets per power of two.</summary>
    public const int MaxSchema = 8;

    /// <summary>Creates native buckets; the positive and the negative indexes and counts pair up.</summary>
    /// <param name="schema">The resolution, from <see cref="MinSchema"/> to <see cref="MaxSchema"/>.</param>
    /// <param name="zeroThreshold">The half-width of the zero bucket: finite, at least 0.</param>
    /// <param name="zeroCount">The observations in the zero bucket.</param>
    /// <param name="positiveIndexes">Positive bucket indexes, strictly ascending.</param>
    /// <param name="positiveCounts">The count of each positive bucket, at least 0.</param>
    /// <param name="negativeIndexes">Negative bucket indexes (of the absolute value), strictly ascending.</param>
    /// <param name="negativeCounts">The count of each negative bucket, at least 0.</param>
    /// <exception cref="ArgumentException">A rule above is broken; the message says which.</exception>
    public NativeHistogramBuckets(
        int schema,
        double zeroThreshold,
        long zeroCount,
        ReadOnlySpan<int> positiveIndexes,
        ReadOnlySpan<long> positiveCounts,
        ReadOnlySpan<int> negativeIndexes,
        ReadOnlySpan<long> negativeCounts)
    {
        if (schema is < MinSchema or > MaxSchema)
        {
            throw new ArgumentOutOfRangeException(nameof(schema), schema, $"A native histogram schema must be from {MinSchema} to {MaxSchema}.");
        }

        if (!(zeroThreshold >= 0) || !double.IsFinite(zeroThreshold))
        {
            throw new ArgumentOutOfRangeException(nameof(zeroThreshold), zeroThreshold, "A native histogram's zero threshold must be a finite number, at least 0.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(zeroCount);
        var total = zeroCount;
        total += CheckSide(positiveIndexes, positiveCounts, nameof(positiveCounts));
        total += CheckSide(negativeIndexes, negativeCounts, nameof(negativeCounts));

        Schema = schema;
        ZeroThreshold = zeroThreshold;
        ZeroCount = zeroCount;
        PositiveIndexes = positiveIndexes;
        PositiveCounts = positiveCounts;
        NegativeIndexes = negativeIndexes;
        NegativeCounts = negativeCounts;
        Count = total;
        IsPresent = true;
    }

    /// <summary>False for <c>default</c>: the histogram has classic buckets only.</summary>
    public bool IsPresent { get; }

    /// <summary>The resolution: each bucket is <c>2^(2^-Schema)</c> times as wide as the one below.</summary>
    public int Schema { get; }

    /// <summary>Observations whose absolute value is at most this are counted in the zero bucket.</summary>
    public double ZeroThreshold { get; }

    /// <summary>The observations in the zero bucket.</summary>
    public long ZeroCount { get; }

    /// <summary>The positive bucket indexes, strictly ascending.</summary>
    public ReadOnlySpan<int> PositiveIndexes { get; }

    /// <summary>The count of each positive bucket.</summary>
    public ReadOnlySpan<long> PositiveCounts { get; }

    /// <summary>The negative bucket indexes (bucket <c>i</c> holds <c>[-b^i, -b^(i-1))</c>), strictly ascending.</summary>
    public ReadOnlySpan<int> NegativeIndexes { get; }

    /// <summary>The count of each negative bucket.</summary>
    public ReadOnlySpan<long> NegativeCounts { get; }

    /// <summary>The number of observations: the zero bucket plus every positive and negative bucket.</summary>
    public long Count { get; }

    /// <summary>The upper bound of positive bucket <paramref name="index"/> at <paramref name="schema"/> (<c>2^(index·2^-schema)</c>).</summary>
    public static double UpperBound(int index, int schema) =>
        schema >= 0
            ? Math.ScaleB(Math.Pow(2, (double)(index & ((1 << schema) - 1)) / (1 << schema)), index >> schema)
            : Math.ScaleB(1, index << -schema);

    private static long CheckSide(ReadOnlySpan<int> indexes, ReadOnlySpan<long> counts, string name)
    {
        if (indexes.Length != counts.Length)
        {
            throw new ArgumentException($"Got {indexes.Length} bucket indexes but {counts.Length} counts; they must pair up.", name);
        }

        long total = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            if (i > 0 && indexes[i] <= indexes[i - 1])
            {
                throw new ArgumentException($"Native bucket indexes must be strictly ascending, but {indexes[i]} follows {indexes[i - 1]}.", name);
            }

            if (counts[i] < 0)
            {
                throw new ArgumentException($"Native bucket {indexes[i]} has a negative count ({counts[i]}).", name);
            }

            total += counts[i];
        }

        return total;
    }
}
