using Microsoft.Extensions.Logging;

namespace Instrumentation.AspNetCore.EndpointMetrics;

/// <summary>The endpoint metrics middleware's log messages.</summary>
internal static partial class EndpointMetricsLog
{
    [LoggerMessage(1, LogLevel.Error, "The metrics attributes of endpoint '{Endpoint}' cannot be applied, so its calls are not recorded")]
    public static partial void ResolutionFailed(ILogger logger, string? endpoint, Exception exception);

    [LoggerMessage(2, LogLevel.Error, "Recording the metrics of endpoint '{Endpoint}' failed; the request went on, and further failures of this endpoint are not logged")]
    public static partial void RecordingFailed(ILogger logger, string? endpoint, Exception exception);

    [LoggerMessage(3, LogLevel.Warning, "UseEndpointMetrics() runs before routing, so it cannot see which endpoint a request goes to and records nothing: call it after UseRouting()")]
    public static partial void BeforeRouting(ILogger logger);
}
