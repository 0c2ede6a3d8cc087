using System.Globalization;
using Instrumentation.Collection;

namespace Instrumentation.Instruments;

/// <summary>The validated native settings of a histogram family, part of its definition (two registrations must agree on them).</summary>
/// <param name="Schema">The starting schema.</param>
/// <param name="ZeroThreshold">The zero bucket's threshold.</param>
/// <param name="MaxBucketCount">The most buckets a series keeps before halving its resolution.</param>
internal sealed record NativeHistogramShape(int Schema, double ZeroThreshold, int MaxBucketCount)
{
    /// <summary>Checks <paramref name="options"/>, naming the metric and the rule when one is broken.</summary>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public static NativeHistogramShape Validate(string metricName, NativeHistogramOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Schema is < NativeHistogramBuckets.MinSchema or > NativeHistogramBuckets.MaxSchema)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Histogram '{metricName}': native schema {options.Schema} is out of range; use {NativeHistogramBuckets.MinSchema} (coarsest) to {NativeHistogramBuckets.MaxSchema} (finest), default {NativeHistogramOptions.DefaultSchema}."),
                nameof(options));
        }

        if (!(options.ZeroThreshold >= 0) || !double.IsFinite(options.ZeroThreshold))
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Histogram '{metricName}': native zero threshold {options.ZeroThreshold} is invalid; it must be a finite number, at least 0 (default 2^-128)."),
                nameof(options));
        }

        if (options.MaxBucketCount < 1)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Histogram '{metricName}': native MaxBucketCount {options.MaxBucketCount} is invalid; it must be at least 1 (default {NativeHistogramOptions.DefaultMaxBucketCount})."),
                nameof(options));
        }

        return new NativeHistogramShape(options.Schema, options.ZeroThreshold, options.MaxBucketCount);
    }

    /// <summary>A short description for conflict messages.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"native schema {Schema}, zero threshold {ZeroThreshold}, max {MaxBucketCount} buckets");
}
