using Microsoft.Extensions.Logging;

namespace Instrumentation.OpenTelemetry;

/// <summary>The log messages of <see cref="ForeignMeterSource"/>.</summary>
internal static partial class ForeignMeterSourceLog
{
    [LoggerMessage(EventId = 20, Level = LogLevel.Warning,
        Message = "A MeterProvider is registered in the application's services, but it was not built by the OpenTelemetry SDK from them (AddOpenTelemetry().WithMetrics() builds it so), so /metrics could not become one of its readers; /metrics reads the foreign meters through a MeterProvider of its own, and a meter both providers listen to is aggregated twice.")]
    public static partial void AppProviderDidNotTakeTheReader(ILogger logger);
}
