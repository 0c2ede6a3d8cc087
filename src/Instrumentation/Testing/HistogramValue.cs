namespace Instrumentation.Testing;

/// <summary>A reading of one histogram series, for assertions in tests.</summary>
/// <remarks>Record equality compares <see cref="Buckets"/> by reference; assert on the list itself (<c>Buckets.Should().Equal(...)</c>).</remarks>
/// <param name="Count">The number of observations (the <c>+Inf</c> bucket).</param>
/// <param name="Sum">The sum of the observations.</param>
/// <param name="Buckets">Every bucket in ascending order of bound, cumulative, the last one <c>+Inf</c>.</param>
public sealed record HistogramValue(long Count, double Sum, IReadOnlyList<HistogramBucket> Buckets);
