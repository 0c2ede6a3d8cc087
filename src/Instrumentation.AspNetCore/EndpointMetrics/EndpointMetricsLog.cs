using Microsoft.Extensions.Logging;

namespace Instrumentation.AspNetCore.EndpointMetrics;

/// <summary>The endpoint metrics middleware's log messages.</summary>
internal static partial class EndpointMetricsLog
{
    [LoggerMessage(1, LogLevel.Error, "The metrics attributes of endpoint '{Endpoint}' cannot be applied, so its calls are not recorded")]
    public static partial void ResolutionFailed(ILogger logger, string? endpoint, Exception exception);

    [LoggerMessage(2, LogLevel.Error, "Recording the metrics of endpoint '{Endpoint}' failed; the request went on, and further failures of this endpoint are not logged")]
    public static partial void RecordingFailed(ILogger logger, string? endpoint, Exception exception);

    // Event 3 was "UseEndpointMetrics() runs before routing": the middleware now works before routing too.

    [LoggerMessage(4, LogLevel.Warning, "MapMetrics() on a route group (or inside UseEndpoints()) cannot place the middleware that applies [Timed], [Counted] and [TrackInProgress] to endpoints, and builder.AddMetrics() was called through IHostApplicationBuilder, which cannot either: unless the app calls app.UseEndpointMetrics(), those attributes record nothing. Call builder.AddMetrics() on the WebApplicationBuilder itself, or app.UseEndpointMetrics()")]
    public static partial void CannotPlaceAutomatically(ILogger logger);
}
