using System.Diagnostics;

namespace Instrumentation.Benchmarks.Support;

/// <summary>
/// Makes <see cref="Activity.Current"/> a recorded activity on the calling thread, as inside a traced
/// request, so the exemplar path of the instruments does its full work (it does nothing when there
/// is no recorded activity).
/// </summary>
internal sealed class RecordedActivity : IDisposable
{
    private readonly ActivitySource _source = new("Instrumentation.Benchmarks.Tracing");
    private readonly ActivityListener _listener;
    private readonly Activity _activity;

    public RecordedActivity()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => ReferenceEquals(source, _source),
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(_listener);
        _activity = _source.StartActivity("benchmark")
            ?? throw new InvalidOperationException("The benchmark activity was not sampled, so Activity.Current would be null.");
        if (!_activity.Recorded)
        {
            throw new InvalidOperationException("The benchmark activity is not recorded; exemplars would not be sampled.");
        }
    }

    public void Dispose()
    {
        _activity.Dispose();
        _listener.Dispose();
        _source.Dispose();
    }
}
