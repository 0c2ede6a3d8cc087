namespace Instrumentation.Instruments;

/// <summary>
/// The resolution and limits of a native (exponential-bucket) histogram, given to
/// <see cref="MetricFactory.CreateHistogram(string, string, NativeHistogramOptions, string[], string, SeriesLimits)"/>.
/// </summary>
/// <remarks>
/// The defaults suit latencies and sizes alike: schema 3 (buckets about 9% wide, so a quantile estimate is
/// within about 4.4% of the true value), a zero bucket for |x| &lt;= 2^-128, and at most 160 buckets per
/// series, beyond which the resolution is halved. See docs/native-histograms.md.
/// </remarks>
public sealed class NativeHistogramOptions
{
    /// <summary>The default <see cref="Schema"/>: 8 buckets per power of two, each 2^(1/8) ≈ 1.09 times as wide as the one below.</summary>
    public const int DefaultSchema = 3;

    /// <summary>The default <see cref="ZeroThreshold"/>, 2^-128, as client_golang's.</summary>
    public const double DefaultZeroThreshold = 2.938735877055719e-39;

    /// <summary>The default <see cref="MaxBucketCount"/>.</summary>
    public const int DefaultMaxBucketCount = 160;

    /// <summary>
    /// The starting resolution, from -4 to 8: bucket <c>i</c> ends at <c>2^(i·2^-Schema)</c>, so each schema step
    /// halves the bucket width (in log scale). A series may lower it on its own (see <see cref="MaxBucketCount"/>).
    /// </summary>
    public int Schema { get; init; } = DefaultSchema;

    /// <summary>Observations whose absolute value is at most this (0 included) are counted in the zero bucket. Finite, at least 0.</summary>
    public double ZeroThreshold { get; init; } = DefaultZeroThreshold;

    /// <summary>
    /// The most buckets a series keeps, counting every bucket from its lowest to its highest observation on
    /// each side of zero (so it also bounds the memory: 8 bytes a bucket). An observation that would need more
    /// halves the resolution of that series (schema - 1, each new bucket merging two), as often as needed, down
    /// to schema -4; no observation is dropped. At least 1.
    /// </summary>
    public int MaxBucketCount { get; init; } = DefaultMaxBucketCount;

    /// <summary>
    /// Classic bucket upper bounds kept alongside the native buckets, for scrapers of the text formats (which
    /// cannot carry native buckets): ascending, unique, finite. Null (the default): none, and the text formats
    /// show only <c>_count</c>, <c>_sum</c> and the one <c>le="+Inf"</c> bucket.
    /// </summary>
    public IReadOnlyList<double>? ClassicBuckets { get; init; }
}
