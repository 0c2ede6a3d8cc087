namespace Instrumentation.Exposition;

/// <summary>How <see cref="FloatFormatter"/> lays out a number.</summary>
internal enum FloatStyle
{
    /// <summary>Go's shortest <c>%g</c>: sample values in both formats, bucket bounds in Prometheus text.</summary>
    General,

    /// <summary>General with <c>.0</c> appended to integral values: OpenMetrics <c>le</c>, <c>quantile</c> and exemplar values.</summary>
    Canonical,

    /// <summary>Fixed-point, no exponent: OpenMetrics timestamps such as <c>_created</c>.</summary>
    Timestamp,
}
