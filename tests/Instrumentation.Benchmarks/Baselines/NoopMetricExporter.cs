using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace Instrumentation.Benchmarks.Baselines;

/// <summary>
/// An OpenTelemetry metric exporter that drops every batch, so the baseline measures the SDK's
/// aggregation on the recording path and nothing else. It counts what it was given, so a benchmark
/// can check that the SDK really listened to its meter.
/// </summary>
internal sealed class NoopMetricExporter : BaseExporter<Metric>
{
    private long _exportedMetrics;

    /// <summary>The number of metrics (streams) seen across all exports.</summary>
    public long ExportedMetrics => Interlocked.Read(ref _exportedMetrics);

    /// <inheritdoc />
    public override ExportResult Export(in Batch<Metric> batch)
    {
        Interlocked.Add(ref _exportedMetrics, batch.Count);
        return ExportResult.Success;
    }
}
