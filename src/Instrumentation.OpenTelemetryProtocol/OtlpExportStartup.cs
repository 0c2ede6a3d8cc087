using Microsoft.Extensions.Hosting;

namespace Instrumentation.OpenTelemetryProtocol;

/// <summary>
/// Creates the OTLP export when the host starts, so it listens before the first request, and connects it (to the
/// application's provider when there is one); the host disposes it.
/// </summary>
internal sealed class OtlpExportStartup(OtlpMetricsExport export) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        export.Connect();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
