using System.Net;
using Instrumentation.Security;
using Microsoft.Extensions.Logging;

namespace Instrumentation.Push;

/// <summary>The log messages of pushers, source-generated.</summary>
internal static partial class PushLog
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "Push to {Target} failed on attempt {Attempt} of {MaxAttempts}: {Reason}")]
    public static partial void AttemptFailed(ILogger logger, string target, int attempt, int maxAttempts, string reason, Exception? exception);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Error, Message = "Push to {Target} was refused with status {Status}; the snapshot is dropped: {Body}")]
    public static partial void Refused(ILogger logger, string target, HttpStatusCode status, string body);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Warning, Message = "Push to {Target}: dropped {Count} snapshot(s) from the full buffer (capacity {Capacity})")]
    public static partial void Dropped(ILogger logger, string target, int count, int capacity);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Error, Message = "Push to {Target}: collecting the snapshot failed")]
    public static partial void CollectFailed(ILogger logger, string target, Exception exception);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Warning, Message = "Push to {Target}: {Pending} snapshot(s) still undelivered when shutdown ran out of time")]
    public static partial void ShutdownAbandoned(ILogger logger, string target, int pending);

    [LoggerMessage(EventId = 7006, Level = LogLevel.Error, Message = "Push to {Target} failed unexpectedly")]
    public static partial void Unexpected(ILogger logger, string target, Exception exception);

    [LoggerMessage(EventId = 7007, Level = LogLevel.Warning, Message = "Export to {Target} at {Endpoint} failed (the exporter's own retries included); the next export carries the cumulative values again")]
    private static partial void ExportFailed(ILogger logger, string target, string endpoint);

    /// <summary>Logs a failed export to <paramref name="endpoint"/>, shown without its user info and query.</summary>
    public static void ExportFailed(ILogger logger, string target, Uri endpoint) =>
        ExportFailed(logger, target, UrlRedaction.Redact(endpoint));

    [LoggerMessage(EventId = 7008, Level = LogLevel.Warning, Message = "Push to {Target}: the target stored the snapshot but refused {Rejected} point(s) of it: {Body}")]
    public static partial void PartlyRejected(ILogger logger, string target, int rejected, string body);
}
