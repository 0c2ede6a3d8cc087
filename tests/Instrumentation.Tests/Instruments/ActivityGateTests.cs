using System.Diagnostics;
using System.Reflection;
using System.Runtime.Loader;
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

    [Fact]
    public async Task Current_OnAThreadWhoseSampledActivityStartedBeforeTheGateExisted_IsThatActivity()
    {
        // A fresh copy of the library, so that its gate is armed now, while the activity below is already current
        // (the process-wide gate of this test run was opened long ago by other tests).
        var context = new AssemblyLoadContext(nameof(Current_OnAThreadWhoseSampledActivityStartedBeforeTheGateExisted_IsThatActivity), isCollectible: true);
        try
        {
            var gate = context.LoadFromAssemblyPath(typeof(MetricFactory).Assembly.Location)
                .GetType("Instrumentation.Instruments.ActivityGate", throwOnError: true)!;
            var current = gate.GetProperty("Current", BindingFlags.Public | BindingFlags.Static)!;
            using var started = new ManualResetEventSlim();
            using var armed = new ManualResetEventSlim();

            using var source = new ActivitySource(nameof(Current_OnAThreadWhoseSampledActivityStartedBeforeTheGateExisted_IsThatActivity));
            using var listener = new ActivityListener
            {
                ShouldListenTo = candidate => ReferenceEquals(candidate, source),
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            };
            ActivitySource.AddActivityListener(listener);

            var job = Task.Run(
                () =>
                {
                    // A job on a thread-pool thread that traces itself from the start and records synchronously (no await, no other span).
                    using var traced = source.StartActivity("job")!;
                    started.Set();
                    armed.Wait();
                    return (traced, (Activity?)current.GetValue(null));
                });
            started.Wait();
            gate.GetMethod("EnsureListening", BindingFlags.Public | BindingFlags.Static)!.Invoke(null, null);
            armed.Set();
            var (activity, seen) = await job;

            seen.Should().BeSameAs(activity, "an activity current before the gate was armed is still the one an exemplar must point at");
        }
        finally
        {
            context.Unload();
        }
    }
}
