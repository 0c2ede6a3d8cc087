using System.Diagnostics;

namespace Instrumentation.Tests.TestSupport;

/// <summary>
/// Starts a recorded <see cref="Activity"/> (an <see cref="ActivityListener"/> samples it AllDataAndRecorded)
/// so instruments take exemplars from it; disposing stops the activity and the listener.
/// </summary>
public sealed class TracedScope : IDisposable
{
    private readonly ActivitySource _source;
    private readonly ActivityListener _listener;

    public TracedScope()
    {
        _source = new ActivitySource("Instrumentation.Tests.Exemplars." + Guid.NewGuid().ToString("N"));
        _listener = new ActivityListener
        {
            ShouldListenTo = source => ReferenceEquals(source, _source),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(_listener);
        Activity = _source.StartActivity("exemplar") ?? throw new InvalidOperationException("The listener did not sample the activity.");
    }

    public Activity Activity { get; }

    public string TraceId => Activity.TraceId.ToHexString();

    public string SpanId => Activity.SpanId.ToHexString();

    /// <summary>Runs <paramref name="record"/> under a new recorded activity and returns that activity's ids.</summary>
    public static (string TraceId, string SpanId) Run(Action record)
    {
        using var scope = new TracedScope();
        record();
        return (scope.TraceId, scope.SpanId);
    }

    public void Dispose()
    {
        Activity.Dispose();
        _listener.Dispose();
        _source.Dispose();
    }
}
