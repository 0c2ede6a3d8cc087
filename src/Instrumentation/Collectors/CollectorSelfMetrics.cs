using Instrumentation.Instruments;

namespace Instrumentation.Collectors;

/// <summary>The metrics every collector reports about itself, labelled <c>collector</c>.</summary>
internal sealed class CollectorSelfMetrics
{
    private static readonly string[] CollectorLabel = ["collector"];

    public CollectorSelfMetrics(MetricFactory factory)
    {
        Errors = factory.CreateCounter("collector_errors", "Runs of a collector that failed.", CollectorLabel);
        Skipped = factory.CreateCounter("collector_skipped", "Ticks skipped because the collector's previous run was still going.", CollectorLabel);
        LastSuccess = factory.CreateGauge(
            "collector_last_success_timestamp_seconds", "Unix time the collector last ran without error.", CollectorLabel, unit: "seconds");
        Duration = factory.CreateGauge(
            "collector_duration_seconds", "How long the collector's last run took, failed or not.", CollectorLabel, unit: "seconds");
    }

    public Counter Errors { get; }

    public Counter Skipped { get; }

    public Gauge LastSuccess { get; }

    public Gauge Duration { get; }
}
