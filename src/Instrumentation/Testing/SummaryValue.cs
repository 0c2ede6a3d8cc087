namespace Instrumentation.Testing;

/// <summary>A reading of one summary series, for assertions in tests.</summary>
/// <remarks>Record equality compares <see cref="Quantiles"/> by reference; assert on the list itself.</remarks>
/// <param name="Count">The number of observations since creation.</param>
/// <param name="Sum">The sum of the observations since creation.</param>
/// <param name="Quantiles">The quantile estimates over the summary's window, in the order the source gives them.</param>
public sealed record SummaryValue(long Count, double Sum, IReadOnlyList<SummaryQuantile> Quantiles);
