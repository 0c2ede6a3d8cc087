namespace Instrumentation.Testing;

/// <summary>One quantile estimate of a summary.</summary>
/// <param name="Quantile">The quantile, between 0 and 1 (for example 0.99).</param>
/// <param name="Value">The estimate, or NaN when the window holds no observation.</param>
public readonly record struct SummaryQuantile(double Quantile, double Value);
