namespace Instrumentation;

/// <summary>What a <see cref="TimedAttribute"/> records its durations into.</summary>
public enum TimedKind
{
    /// <summary>A histogram with the buckets of <see cref="TimedAttribute.BucketPreset"/> or <see cref="TimedAttribute.Buckets"/> (the default).</summary>
    Histogram,

    /// <summary>A summary with the quantiles of <see cref="TimedAttribute.Quantiles"/>, or the summary defaults 0.5, 0.9 and 0.99.</summary>
    Summary,

    /// <summary>
    /// A native histogram with the default <see cref="Instruments.NativeHistogramOptions"/> (schema 3, buckets about 9% wide);
    /// <see cref="TimedAttribute.Buckets"/>, when set, are kept alongside as classic buckets for text-format scrapers.
    /// </summary>
    NativeHistogram,
}
