using Instrumentation.OpenTelemetry;
using Microsoft.Extensions.Hosting;

namespace Instrumentation.Hosting;

/// <summary>
/// Creates the metric factory and starts listening to foreign meters when the host starts (building the
/// application's OpenTelemetry provider, when /metrics reads through it), so measurements made before the first
/// scrape are not lost.
/// </summary>
internal sealed class MetricsStartup(MetricFactory factory, ForeignMeterSource foreignMeters) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(factory);
        foreignMeters.Connect();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
