using Microsoft.Extensions.Logging;

namespace Instrumentation.Registry;

/// <summary>The factory's log messages.</summary>
internal static partial class MetricsLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
        Message = "Metric '{Metric}' reached its cardinality limit of {Limit} series; further label combinations are counted in its overflow series otel_metric_overflow=\"true\" (see metrics_series_overflow_total). Logged once per metric.")]
    public static partial void CardinalityLimitReached(ILogger logger, string metric, int limit);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning,
        Message = "The callback of gauge '{Metric}' threw; its series is left out of collections while it fails (counted in metrics_callback_errors_total). Logged once until every callback of the metric returns a value again.")]
    public static partial void GaugeCallbackFailed(ILogger logger, string metric, Exception exception);

    [LoggerMessage(EventId = 5, Level = LogLevel.Error,
        Message = "The instruments of decorated method {Site} could not be created or recorded into; its calls run as usual but are not recorded. Logged once per method.")]
    public static partial void DecoratedMethodFailed(ILogger logger, string site, Exception exception);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning,
        Message = "The callback of gauge '{Metric}' did not return within {Timeout} (its callback timeout, or what was left of the scrape's time when that was less); its series is left out of collections until it does, and it is not started again while it runs (counted in metrics_callback_timeouts_total). Logged once until every callback of the metric returns a value again.")]
    public static partial void GaugeCallbackTimedOut(ILogger logger, string metric, TimeSpan timeout);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information,
        Message = "Every callback of gauge '{Metric}' returns a value again; its series are collected as before.")]
    public static partial void GaugeCallbackRecovered(ILogger logger, string metric);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning,
        Message = "Metric '{Metric}': {Series} series were left out of a collection ({Reason}: {Detail}); they are counted in metrics_series_dropped_total, and the rules are in docs/limits.md. Logged once per metric and reason.")]
    public static partial void SeriesDropped(ILogger logger, string metric, string reason, int series, string detail);
}
