using Microsoft.Extensions.Logging;

namespace Instrumentation.Collectors;

/// <summary>The collectors' log messages.</summary>
internal static partial class CollectorLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Collector {Collector} scheduled every {Interval} (run at start: {RunAtStart})")]
    public static partial void Scheduled(ILogger logger, string collector, TimeSpan interval, bool runAtStart);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Collector {Collector} ran in {DurationSeconds} s")]
    public static partial void Succeeded(ILogger logger, string collector, double durationSeconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Collector {Collector} failed: {Reason}")]
    public static partial void FailedWithMessage(ILogger logger, string collector, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Collector {Collector} failed: {Reason}")]
    public static partial void Failed(ILogger logger, string collector, string reason, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Collector {Collector} is still running from the last tick; this tick is skipped")]
    public static partial void Skipped(ILogger logger, string collector);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Collector {Collector} was cancelled as the host stopped")]
    public static partial void Cancelled(ILogger logger, string collector);
}
