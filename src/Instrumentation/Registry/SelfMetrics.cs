using System.Collections.Concurrent;
using Instrumentation.Collection;
using Instrumentation.Instruments;
using Microsoft.Extensions.Logging;

namespace Instrumentation.Registry;

/// <summary>
/// The factory's own health counters, <c>metrics_series_overflow_total{metric}</c>,
/// <c>metrics_callback_errors_total{metric}</c>, <c>metrics_callback_timeouts_total{metric}</c> and
/// <c>metrics_series_dropped_total{metric,reason}</c>, registered on first use so that a healthy factory
/// exposes nothing extra.
/// </summary>
internal sealed class SelfMetrics(MetricFactory factory, ILogger logger)
{
    private const string MetricLabel = "metric";

    // One series per metric of the factory: bounded by the number of families, never by input.
    private static readonly SeriesLimits Unbounded = new() { CardinalityLimit = int.MaxValue };

    private Counter? _overflows;
    private Counter? _callbackErrors;
    private Counter? _callbackTimeouts;
    private Counter? _droppedSeries;

    // (metric, reason) pairs already logged: bounded by the number of families, never by label values.
    private readonly ConcurrentDictionary<(string Metric, DropReason Reason), byte> _loggedDrops = new();

    /// <summary>Counts one label combination sent to <paramref name="metric"/>'s overflow series; logs the first.</summary>
    public void ReportOverflow(string metric, int limit, bool first)
    {
        Overflows.WithLabels(metric).Inc();
        if (first)
        {
            MetricsLog.CardinalityLimitReached(logger, metric, limit);
        }
    }

    /// <summary>Counts one gauge callback that threw; logs it when it is the metric's first failure since it was healthy.</summary>
    public void ReportCallbackError(string metric, Exception exception, bool first)
    {
        CallbackErrors.WithLabels(metric).Inc();
        if (first)
        {
            MetricsLog.GaugeCallbackFailed(logger, metric, exception);
        }
    }

    /// <summary>Logs that a generated decorator's method could not create or record its instruments.</summary>
    public void ReportDecoratedMethodFailure(string site, Exception exception) => MetricsLog.DecoratedMethodFailed(logger, site, exception);

    /// <summary>Counts one gauge callback that did not return in time; logs it when it is the metric's first failure since it was healthy.</summary>
    public void ReportCallbackTimeout(string metric, TimeSpan timeout, bool first)
    {
        CallbackTimeouts.WithLabels(metric).Inc();
        if (first)
        {
            MetricsLog.GaugeCallbackTimedOut(logger, metric, timeout);
        }
    }

    /// <summary>
    /// Counts <paramref name="series"/> series of <paramref name="metric"/> left out of a collection for
    /// <paramref name="reason"/>; logs a warning the first time each metric is left out for each reason.
    /// </summary>
    public void ReportDroppedSeries(string metric, DropReason reason, int series, string detail)
    {
        if (series > 0)
        {
            DroppedSeries.WithLabels(metric, ReasonLabel(reason)).Inc(series);
        }

        if (_loggedDrops.TryAdd((metric, reason), 0))
        {
            MetricsLog.SeriesDropped(logger, metric, ReasonLabel(reason), series, detail);
        }
    }

    /// <summary>Logs that every callback of a metric returns a value again.</summary>
    public void ReportCallbackRecovered(string metric) => MetricsLog.GaugeCallbackRecovered(logger, metric);

    private Counter Overflows => Volatile.Read(ref _overflows) ?? (_overflows = factory.CreateCounter(
        "metrics_series_overflow",
        "Label combinations recorded in a metric's overflow series because the metric reached its cardinality limit.",
        [MetricLabel],
        limits: Unbounded));

    private Counter CallbackErrors => Volatile.Read(ref _callbackErrors) ?? (_callbackErrors = factory.CreateCounter(
        "metrics_callback_errors",
        "Gauge callbacks that threw during a collection; the series was left out of it.",
        [MetricLabel],
        limits: Unbounded));

    private static string ReasonLabel(DropReason reason) => reason switch
    {
        DropReason.NameCollision => "name_collision",
        DropReason.InvalidName => "invalid_name",
        DropReason.TypeConflict => "type_conflict",
        DropReason.DuplicateLabels => "duplicate_labels",
        DropReason.InvalidValue => "invalid_value",
        DropReason.InvalidLabels => "invalid_labels",
        _ => "unsupported_type",
    };

    private Counter DroppedSeries => Volatile.Read(ref _droppedSeries) ?? (_droppedSeries = factory.CreateCounter(
        "metrics_series_dropped",
        "Series left out of a collection (scrape or push) because the exposition cannot carry them; see the reason label and docs/limits.md.",
        [MetricLabel, "reason"],
        limits: Unbounded));

    private Counter CallbackTimeouts => Volatile.Read(ref _callbackTimeouts) ?? (_callbackTimeouts = factory.CreateCounter(
        "metrics_callback_timeouts",
        "Collections that left a gauge series out because its callback had not returned within the callback timeout or by the scrape's deadline.",
        [MetricLabel],
        limits: Unbounded));
}
