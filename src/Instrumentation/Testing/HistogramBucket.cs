namespace Instrumentation.Testing;

/// <summary>One cumulative histogram bucket: how many observations were at most <paramref name="UpperBound"/>.</summary>
/// <param name="UpperBound">The bucket's <c>le</c> bound (<see cref="double.PositiveInfinity"/> for the last one).</param>
/// <param name="CumulativeCount">The number of observations less than or equal to the bound.</param>
public readonly record struct HistogramBucket(double UpperBound, long CumulativeCount);
