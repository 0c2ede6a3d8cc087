namespace Instrumentation.Collection;

/// <summary>
/// A consistent reading of one histogram series: cumulative bucket counts whose last (+Inf) entry
/// always equals <see cref="Count"/>, and, for a native histogram, its exponential buckets in <see cref="Native"/>.
/// </summary>
/// <remarks>
/// A native histogram's point carries its classic buckets too: the bounds it keeps alongside for text-format
/// scrapers, or none (<see cref="UpperBounds"/> empty, so the only classic bucket is +Inf = <see cref="Count"/>).
/// Writers that know native histograms (the protobuf exposition) read <see cref="Native"/>; the others write
/// the classic view and need no change. Both views hold the same observations: <c>Native.Count == Count</c>.
/// </remarks>
public readonly ref struct HistogramPoint
{
    /// <summary>Creates a point; <paramref name="cumulativeCounts"/> has one more entry than <paramref name="upperBounds"/> (the +Inf bucket).</summary>
    public HistogramPoint(
        ReadOnlySpan<double> upperBounds,
        ReadOnlySpan<long> cumulativeCounts,
        double sum,
        double createdUnixSeconds,
        ReadOnlySpan<Exemplar?> exemplars)
        : this(upperBounds, cumulativeCounts, sum, createdUnixSeconds, exemplars, default)
    {
    }

    /// <summary>
    /// Creates the point of a native histogram: its classic view (bounds kept alongside, or none, with one more
    /// cumulative count for +Inf) and its exponential buckets, which must hold as many observations as the +Inf count.
    /// </summary>
    /// <exception cref="ArgumentException">The counts do not pair with the bounds, or the two views disagree on the count.</exception>
    public HistogramPoint(
        ReadOnlySpan<double> upperBounds,
        ReadOnlySpan<long> cumulativeCounts,
        double sum,
        double createdUnixSeconds,
        ReadOnlySpan<Exemplar?> exemplars,
        NativeHistogramBuckets native)
    {
        if (cumulativeCounts.Length != upperBounds.Length + 1)
        {
            throw new ArgumentException("A histogram point needs one cumulative count per bound plus one for +Inf.", nameof(cumulativeCounts));
        }

        if (native.IsPresent && native.Count != cumulativeCounts[^1])
        {
            throw new ArgumentException($"The native buckets hold {native.Count} observations but the +Inf bucket {cumulativeCounts[^1]}; both views must count the same observations.", nameof(native));
        }

        UpperBounds = upperBounds;
        CumulativeCounts = cumulativeCounts;
        Sum = sum;
        CreatedUnixSeconds = createdUnixSeconds;
        Exemplars = exemplars;
        Native = native;
    }

    /// <summary>The finite bucket upper bounds, ascending (the implicit last bucket is +Inf).</summary>
    public ReadOnlySpan<double> UpperBounds { get; }

    /// <summary>Cumulative counts per bucket; the last entry is the +Inf bucket.</summary>
    public ReadOnlySpan<long> CumulativeCounts { get; }

    /// <summary>The number of observations (the +Inf bucket).</summary>
    public long Count => CumulativeCounts[^1];

    /// <summary>The sum of the observations.</summary>
    public double Sum { get; }

    /// <summary>When the series was created, in seconds since the Unix epoch.</summary>
    public double CreatedUnixSeconds { get; }

    /// <summary>One exemplar slot per classic bucket, +Inf included (may be empty when exemplars are off).</summary>
    public ReadOnlySpan<Exemplar?> Exemplars { get; }

    /// <summary>The exponential buckets of a native histogram; <c>default</c> (not <see cref="NativeHistogramBuckets.IsPresent"/>) for a classic one.</summary>
    public NativeHistogramBuckets Native { get; }
}
