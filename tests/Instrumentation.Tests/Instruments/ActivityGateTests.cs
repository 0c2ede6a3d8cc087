using Instrumentation.Instruments;
using Instrumentation.Tests.TestSupport;

namespace Instrumentation.Tests.Instruments;

/// <summary>
/// The gate in front of <c>Activity.Current</c> on the exemplar paths: once any activity has been current,
/// it hands out the current activity. The gate is process-wide and other tests open it, so its closed
/// state is not observable here; what matters is that it never hides an activity.
/// </summary>
public class ActivityGateTests
{
    [Fact]
    public void Current_InsideAnActivity_IsThatActivity()
    {
        using var traced = new TracedScope();

        ActivityGate.IsOpen.Should().BeTrue();
        ActivityGate.Current.Should().BeSameAs(traced.Activity);
    }

    [Fact]
    public async Task Current_OnAnotherThreadWithItsFirstActivity_IsThatActivity()
    {
        using var factory = TestFactory.Create();
        var counter = factory.CreateCounter("requests", "Requests");
        var histogram = factory.CreateHistogram("latency_seconds", "Latency", buckets: [1]);

        var (traceId, counterExemplar, histogramExemplar) = await Task.Factory.StartNew(
            () =>
            {
                using var traced = new TracedScope();
                counter.Inc();
                histogram.Observe(0.5);
                return (traced.TraceId, counter.WithLabels().Exemplar?.TraceId, histogram.WithLabels().Exemplars[0]?.TraceId);
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

        counterExemplar.Should().Be(traceId);
        histogramExemplar.Should().Be(traceId);
    }
}
