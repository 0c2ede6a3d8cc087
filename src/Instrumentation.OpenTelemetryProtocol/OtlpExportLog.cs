using Microsoft.Extensions.Logging;

namespace Instrumentation.OpenTelemetryProtocol;

/// <summary>The log messages of <see cref="OtlpMetricsExport"/>.</summary>
internal static partial class OtlpExportLog
{
    [LoggerMessage(EventId = 21, Level = LogLevel.Warning,
        Message = "A MeterProvider is registered in the application's services, but it was not built by the OpenTelemetry SDK from them (AddOpenTelemetry().WithMetrics() builds it so), so the OTLP export could not become one of its readers; it exports through a MeterProvider of its own, and a meter both providers listen to is aggregated twice.")]
    public static partial void AppProviderDidNotTakeTheReader(ILogger logger);

    [LoggerMessage(EventId = 22, Level = LogLevel.Warning,
        Message = "Metrics:Otlp:ServiceName '{ServiceName}' is ignored: the OTLP export is a reader of the application's OpenTelemetry MeterProvider, whose resource applies. Set the service name there, with AddOpenTelemetry().ConfigureResource(r => r.AddService(...)).")]
    public static partial void ServiceNameIgnored(ILogger logger, string serviceName);
}
