using Microsoft.Extensions.Logging;

namespace Instrumentation.Registry;

/// <summary>The factory's log messages.</summary>
internal static partial class MetricsLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
        Message = "Metric '{Metric}' reached its cardinality limit of {Limit} series; further label combinations are counted in its overflow series otel_metric_overflow=\"true\" (see metrics_series_overflow_total). Logged once per metric.")]
    public static partial void CardinalityLimitReached(ILogger logger, string metric, int limit);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning,
        Message = "The callback of gauge '{Metric}' threw; the series reads NaN for this collection (counted in metrics_callback_errors_total).")]
    public static partial void GaugeCallbackFailed(ILogger logger, string metric, Exception exception);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error,
        Message = "The instruments of decorated method {Site} could not be created or recorded into; its calls run as usual but are not recorded. Logged once per method.")]
    public static partial void DecoratedMethodFailed(ILogger logger, string site, Exception exception);
}
