using Instrumentation.Decorators;
using Instrumentation.Testing;

namespace Instrumentation.Tests.Decorators;

public sealed class MethodInstrumentsTests : IDisposable
{
    private readonly MetricFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public void Create_WhenTheNameIsTakenByAnotherType_DoesNotThrow_AndRecordsNothing()
    {
        _factory.CreateGauge("method_calls", "taken by a gauge");

        var instruments = MethodInstruments.Create(_factory, "Orders", "Place", null, new CountedAttribute(), null);
        instruments.Succeed(instruments.Start());
        instruments.Fail(instruments.Start(), new InvalidOperationException()).Should().BeFalse();

        _factory.Find("method_calls")!.Type.Should().Be(Collection.MetricType.Gauge);
    }

    [Fact]
    public void Start_OfAMethodThatIsOnlyCounted_ReadsNoClock_AndTheCallIsStillCounted()
    {
        var counted = MethodInstruments.Create(_factory, "Orders", "Place", null, new CountedAttribute(), null);
        var timed = MethodInstruments.Create(_factory, "Orders", "Ship", new TimedAttribute(), null, null);

        var countedStart = counted.Start();
        var timedStart = timed.Start();
        counted.Succeed(countedStart);
        counted.Fail(counted.Start(), new InvalidOperationException());
        timed.Succeed(timedStart);

        countedStart.Should().Be(0, "a counted-only method has no duration to measure");
        timedStart.Should().BePositive();
        _factory.GetValue("method_calls_total", "Orders", "Place", "success", "none").Should().Be(1);
        _factory.GetValue("method_calls_total", "Orders", "Place", "failure", "InvalidOperationException").Should().Be(1);
        _factory.GetHistogram("method_duration_seconds", "Orders", "Ship", "none").Count.Should().Be(1);
    }

    [Fact]
    public void Fail_ReturnsFalse_SoThatAnExceptionFilterLetsTheExceptionThrough()
    {
        var instruments = MethodInstruments.Create(_factory, "Orders", "Place", new TimedAttribute(), new CountedAttribute(), new TrackInProgressAttribute());

        var started = instruments.Start();
        _factory.GetValue("method_calls_in_progress", "Orders", "Place").Should().Be(1);

        instruments.Fail(started, new TaskCanceledException()).Should().BeFalse();
        _factory.GetValue("method_calls_total", "Orders", "Place", "failure", "OperationCanceledException").Should().Be(1);
        _factory.GetHistogram("method_duration_seconds", "Orders", "Place", "OperationCanceledException").Count.Should().Be(1);
        _factory.GetValue("method_calls_in_progress", "Orders", "Place").Should().Be(0);
    }

    [Fact]
    public async Task Track_FaultedTask_PropagatesTheSameExceptionAndRecordsIt()
    {
        var instruments = MethodInstruments.Create(_factory, "Orders", "Place", null, new CountedAttribute(), null);
        var error = new FormatException("bad order");

        var tracked = instruments.Track(Task.FromException<int>(error), instruments.Start());

        (await tracked.Invoking(t => t).Should().ThrowAsync<FormatException>()).Which.Should().BeSameAs(error);
        _factory.GetValue("method_calls_total", "Orders", "Place", "failure", "FormatException").Should().Be(1);
    }

    [Fact]
    public void Track_SynchronouslyCompletedTask_ReturnsTheSameTask()
    {
        var instruments = MethodInstruments.Create(_factory, "Orders", "Place", null, new CountedAttribute(), null);
        var task = Task.FromResult(3);

        instruments.Track(task, instruments.Start()).Should().BeSameAs(task);
        _factory.GetValue("method_calls_total", "Orders", "Place", "success", "none").Should().Be(1);
    }

    [Fact]
    public void ExtraLabels_AreAddedAfterTheDefaultLabels()
    {
        var instruments = MethodInstruments.Create(_factory, "Orders", "Place", null, new CountedAttribute { ExtraLabels = ["team", "shop"] }, null);

        instruments.Succeed(instruments.Start());

        _factory.GetValue("method_calls_total", "Orders", "Place", "success", "none", "shop").Should().Be(1);
    }
}
