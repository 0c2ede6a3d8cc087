namespace Instrumentation.Quantiles;

/// <summary>
/// A quantile a summary reports and the rank error it may have: <c>(0.99, 0.001)</c> means the reported value
/// lies between the true 0.989 and 0.991 quantiles. Validate with <see cref="QuantileObjectives.Validate"/>.
/// </summary>
/// <param name="Quantile">
/// The quantile, in [0, 1]: 0 reports the smallest and 1 the largest observation of the window, exactly.
/// </param>
/// <param name="Error">The allowed rank error, in [0, 1).</param>
public readonly record struct QuantileObjective(double Quantile, double Error);
