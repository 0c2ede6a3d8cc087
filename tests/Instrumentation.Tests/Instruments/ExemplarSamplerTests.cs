using System.Diagnostics;
using Instrumentation.Instruments;
using Instrumentation.Tests.TestSupport;

namespace Instrumentation.Tests.Instruments;

/// <summary>Exemplars taken from the recorded <see cref="Activity.Current"/> when a counter or histogram records.</summary>
public sealed class ExemplarSamplerTests : IDisposable
{
    private readonly ActivitySource _source = new($"Instrumentation.Tests.Exemplars.{Guid.NewGuid():N}");
    private readonly ActivityListener _listener;

    public ExemplarSamplerTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s == _source,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    [Fact]
    public void CounterInc_InRecordedActivity_KeepsExemplarWithTraceAndSpan()
    {
        var time = new ManualTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_250));
        using var factory = TestFactory.Create(time);
        var counter = factory.CreateCounter("jobs", "Jobs");

        using (var activity = _source.StartActivity("job"))
        {
            activity.Should().NotBeNull();
            counter.Inc(2);

            var series = (RecordedCounter)RecordingVisitor.Collect(factory).Family("jobs").OnlySeries;
            series.Exemplar.Should().BeEquivalentTo(new Collection.Exemplar(activity!.TraceId.ToHexString(), activity.SpanId.ToHexString(), 2, 1_700_000_000.25));
        }
    }

    [Fact]
    public void CounterInc_WithoutActivity_KeepsNoExemplar()
    {
        using var factory = TestFactory.Create();
        var counter = factory.CreateCounter("jobs", "Jobs");

        counter.Inc();

        ((RecordedCounter)RecordingVisitor.Collect(factory).Family("jobs").OnlySeries).Exemplar.Should().BeNull();
    }

    [Fact]
    public void CounterInc_WithExemplarsOff_KeepsNoExemplar()
    {
        using var factory = TestFactory.Create(exemplars: false);
        var counter = factory.CreateCounter("jobs", "Jobs");

        using (_source.StartActivity("job"))
        {
            counter.Inc();
        }

        ((RecordedCounter)RecordingVisitor.Collect(factory).Family("jobs").OnlySeries).Exemplar.Should().BeNull();
    }

    [Fact]
    public void HistogramObserve_InRecordedActivity_KeepsExemplarInTheObservedBucket()
    {
        using var factory = TestFactory.Create();
        var histogram = factory.CreateHistogram("size", "Size", buckets: [1, 2]);

        using (var activity = _source.StartActivity("job"))
        {
            histogram.Observe(1.5);

            var series = (RecordedHistogram)RecordingVisitor.Collect(factory).Family("size").OnlySeries;
            series.Exemplars.Should().HaveCount(3);
            series.Exemplars[0].Should().BeNull();
            series.Exemplars[1]!.Value.Should().Be(1.5);
            series.Exemplars[1]!.TraceId.Should().Be(activity!.TraceId.ToHexString());
            series.Exemplars[2].Should().BeNull();
        }
    }

    [Fact]
    public void TrySample_WithinTheMinimumInterval_TakesNothing()
    {
        var time = new ManualTimeProvider();
        using var activity = _source.StartActivity("job");
        activity.Should().NotBeNull();
        long slot = 0;
        const long Start = 1_000_000;

        ExemplarSampler.TrySample(activity!, 1, ref slot, time, Start).Should().NotBeNull("a slot never sampled is due");
        ExemplarSampler.TrySample(activity!, 2, ref slot, time, Start + (long)ExemplarSampler.MinimumInterval.TotalMilliseconds - 1)
            .Should().BeNull("the interval has not passed");
        ExemplarSampler.TrySample(activity!, 3, ref slot, time, Start + (long)ExemplarSampler.MinimumInterval.TotalMilliseconds)
            .Should().BeNull("the millisecond clock may have lagged the first sample by a timer step");

        var due = Start + (long)(ExemplarSampler.MinimumInterval + ExemplarSampler.ClockStepAllowance).TotalMilliseconds;
        ExemplarSampler.TrySample(activity!, 4, ref slot, time, due)!.Value.Should().Be(4);
        ExemplarSampler.TrySample(activity!, 5, ref slot, time, due).Should().BeNull("the slot just sampled");
    }

    public void Dispose()
    {
        _listener.Dispose();
        _source.Dispose();
    }
}
