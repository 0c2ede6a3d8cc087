using Instrumentation.Instruments;

namespace Instrumentation.Push;

/// <summary>
/// A pusher's own health, as series labelled with its target: <c>push_last_success_timestamp_seconds</c>,
/// <c>push_errors_total</c> (failed attempts), <c>push_dropped_total</c> (snapshots never delivered) and,
/// for a target that can store a snapshot in part (InfluxDB), <c>push_rejected_points_total</c> (points
/// it refused from snapshots it otherwise stored). Without a factory, nothing is recorded.
/// </summary>
internal sealed class PushMetrics
{
    private readonly GaugeChild? _lastSuccess;
    private readonly CounterChild? _errors;
    private readonly CounterChild? _dropped;
    private readonly CounterChild? _rejectedPoints;

    public PushMetrics(MetricFactory? factory, string target, bool countsRejectedPoints = false)
    {
        if (factory is null)
        {
            return;
        }

        string[] labels = ["target"];
        _lastSuccess = factory.CreateGauge("push_last_success_timestamp_seconds", "When a push last succeeded, in seconds since the Unix epoch.", labels).WithLabels(target);
        _errors = factory.CreateCounter("push_errors_total", "Push attempts that failed (network error, timeout or error status).", labels).WithLabels(target);
        _dropped = factory.CreateCounter("push_dropped_total", "Snapshots never delivered: dropped from a full buffer or refused by the target.", labels).WithLabels(target);
        if (countsRejectedPoints)
        {
            _rejectedPoints = factory.CreateCounter(
                "push_rejected_points_total", "Points the target refused from snapshots it otherwise stored (a partial write).", labels).WithLabels(target);
        }
    }

    public void Succeeded(DateTimeOffset at) => _lastSuccess?.Set(at.ToUnixTimeMilliseconds() / 1000.0);

    public void Failed() => _errors?.Inc();

    public void Dropped(int count)
    {
        if (count > 0)
        {
            _dropped?.Inc(count);
        }
    }

    public void RejectedPoints(int count)
    {
        if (count > 0)
        {
            _rejectedPoints?.Inc(count);
        }
    }
}
