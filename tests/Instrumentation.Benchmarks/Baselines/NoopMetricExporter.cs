using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace Instrumentation.Benchmarks.Baselines;

/// <summary>
/// An OpenTelemetry metric exporter that sends nothing anywhere, so the baseline measures the SDK's
/// aggregation on the recording path and nothing else. The reader calls it only when collected (never
/// while a row is timed); it keeps what the last collection held as plain data, so a benchmark can check
/// that the SDK counted what it was given.
/// </summary>
internal sealed class NoopMetricExporter : BaseExporter<Metric>
{
    private long _exportedMetrics;

    /// <summary>The number of metrics (streams) seen across all exports.</summary>
    public long ExportedMetrics => Interlocked.Read(ref _exportedMetrics);

    /// <summary>The points of the last export, by metric name.</summary>
    public Dictionary<string, List<CapturedPoint>> LastExport { get; private set; } = [];

    /// <inheritdoc />
    public override ExportResult Export(in Batch<Metric> batch)
    {
        Interlocked.Add(ref _exportedMetrics, batch.Count);
        var captured = new Dictionary<string, List<CapturedPoint>>(StringComparer.Ordinal);
        foreach (var metric in batch)
        {
            var points = new List<CapturedPoint>();
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                points.Add(Capture(metric.MetricType, point));
            }

            captured[metric.Name] = points;
        }

        LastExport = captured;
        return ExportResult.Success;
    }

    private static CapturedPoint Capture(MetricType type, in MetricPoint point)
    {
        var tags = new List<KeyValuePair<string, object?>>();
        foreach (var tag in point.Tags)
        {
            tags.Add(tag);
        }

        switch (type)
        {
            case MetricType.Histogram:
                var cumulative = new List<long>();
                long running = 0;
                foreach (var bucket in point.GetHistogramBuckets())
                {
                    running += bucket.BucketCount;
                    cumulative.Add(running);
                }

                return new CapturedPoint(tags, point.GetHistogramSum(), point.GetHistogramCount(), [.. cumulative]);
            case MetricType.DoubleSum or MetricType.DoubleSumNonMonotonic:
                return new CapturedPoint(tags, point.GetSumDouble(), 0, []);
            case MetricType.LongSum or MetricType.LongSumNonMonotonic:
                return new CapturedPoint(tags, point.GetSumLong(), 0, []);
            case MetricType.DoubleGauge:
                return new CapturedPoint(tags, point.GetGaugeLastValueDouble(), 0, []);
            case MetricType.LongGauge:
                return new CapturedPoint(tags, point.GetGaugeLastValueLong(), 0, []);
            default:
                throw new NotSupportedException($"The benchmarks do not read OpenTelemetry metric type {type}.");
        }
    }
}

/// <summary>One metric point as plain data: its tags, and its sum (or gauge value), count and cumulative bucket counts (+Inf last).</summary>
internal sealed record CapturedPoint(IReadOnlyList<KeyValuePair<string, object?>> Tags, double Value, long Count, long[] CumulativeBuckets);
