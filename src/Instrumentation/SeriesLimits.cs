namespace Instrumentation;

/// <summary>
/// Per-metric bounds on the series a labelled metric keeps, passed to the <c>Create*</c> methods of
/// <see cref="MetricFactory"/>. A null property falls back to the factory-wide default in
/// <see cref="MetricFactoryOptions"/>. Bounds are read when the metric is first created; creating the
/// same metric again returns the existing one with its original bounds.
/// </summary>
public sealed record SeriesLimits
{
    /// <summary>
    /// The most label combinations the metric keeps as their own series (at least 1). Further
    /// combinations share one overflow series labelled <c>otel_metric_overflow="true"</c>.
    /// Null: <see cref="MetricFactoryOptions.CardinalityLimit"/>.
    /// </summary>
    public int? CardinalityLimit { get; init; }

    /// <summary>
    /// How long a labelled series may go without an update before a collection removes it (positive).
    /// Null: <see cref="MetricFactoryOptions.SeriesIdleTimeout"/>.
    /// </summary>
    public TimeSpan? IdleTimeout { get; init; }
}
