using Instrumentation.Tests.TestSupport;

namespace Instrumentation.Tests.Instruments;

public class SeriesExpiryTests
{
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(5);
    private readonly ManualTimeProvider _clock = new();

    [Fact]
    public void Collect_AfterTheIdleTimeout_RemovesTheSeries()
    {
        using var factory = CreateFactory(Idle);
        var counter = factory.CreateCounter("jobs", "Jobs", ["id"]);
        counter.WithLabels("old").Inc();
        RecordingVisitor.Collect(factory);

        _clock.Advance(Idle);

        RecordingVisitor.Collect(factory).HasFamily("jobs").Should().BeFalse();
        counter.SeriesCount.Should().Be(0);
    }

    [Fact]
    public void Collect_MeasuresIdleTimeFromTheCollectionThatLastSawAnUpdate()
    {
        // Updates only set a flag (no clock read on the hot path): a collection that finds it set
        // counts the series as active at that moment.
        using var factory = CreateFactory(Idle);
        var counter = factory.CreateCounter("jobs", "Jobs", ["id"]);
        counter.WithLabels("a").Inc();
        _clock.Advance(Idle);

        RecordingVisitor.Collect(factory).Family("jobs").Series.Should().ContainSingle();
        _clock.Advance(Idle);
        RecordingVisitor.Collect(factory).HasFamily("jobs").Should().BeFalse();
    }

    [Fact]
    public void Collect_BeforeTheIdleTimeout_KeepsTheSeries()
    {
        using var factory = CreateFactory(Idle);
        var counter = factory.CreateCounter("jobs", "Jobs", ["id"]);
        counter.WithLabels("a").Inc();

        _clock.Advance(Idle - TimeSpan.FromSeconds(1));

        RecordingVisitor.Collect(factory).Family("jobs").Series.Should().ContainSingle();
    }

    [Fact]
    public void Update_SeenByACollection_RestartsTheIdleTime()
    {
        using var factory = CreateFactory(Idle);
        var histogram = factory.CreateHistogram("latency_seconds", "Latency", ["route"], unit: "seconds");
        var busy = histogram.WithLabels("busy");
        histogram.WithLabels("quiet").Observe(1);
        RecordingVisitor.Collect(factory);

        _clock.Advance(TimeSpan.FromMinutes(3));
        busy.Observe(1);
        RecordingVisitor.Collect(factory);
        _clock.Advance(TimeSpan.FromMinutes(3));

        var series = RecordingVisitor.Collect(factory).Family("latency_seconds").Series;
        series.Select(s => s.LabelValues[0]).Should().Equal("busy");
    }

    [Fact]
    public void WithLabels_AfterExpiry_RecreatesTheSeriesFromZero()
    {
        using var factory = CreateFactory(Idle);
        var counter = factory.CreateCounter("jobs", "Jobs", ["id"]);
        var first = counter.WithLabels("a");
        first.Inc(5);
        RecordingVisitor.Collect(factory);
        _clock.Advance(Idle);
        RecordingVisitor.Collect(factory);

        var again = counter.WithLabels("a");
        again.Inc();

        again.Should().NotBeSameAs(first);
        ((RecordedCounter)RecordingVisitor.Collect(factory).Family("jobs").OnlySeries).Value.Should().Be(1);
    }

    [Fact]
    public void Expiry_FreesRoomUnderTheCardinalityLimit()
    {
        using var factory = CreateFactory(Idle);
        var gauge = factory.CreateGauge("users", "Users", ["user"], limits: new SeriesLimits { CardinalityLimit = 2 });
        gauge.WithLabels("u1").Set(1);
        gauge.WithLabels("u2").Set(1);
        gauge.WithLabels("u3").Set(1);
        RecordingVisitor.Collect(factory);
        _clock.Advance(Idle);
        RecordingVisitor.Collect(factory);

        gauge.WithLabels("u3").Set(3);

        var series = RecordingVisitor.Collect(factory).Family("users").Series;
        series.Select(s => s.LabelValues[0]).Should().Equal("u3");
    }

    [Fact]
    public void GaugeWithCallback_NeverExpires()
    {
        using var factory = CreateFactory(Idle);
        var gauge = factory.CreateGauge("pool", "Pool", ["name"]);
        gauge.WithLabels("db").SetCallback(() => 4);

        _clock.Advance(Idle * 3);

        RecordingVisitor.Collect(factory).Family("pool").Series.Should().ContainSingle();
    }

    [Fact]
    public void UnlabelledSeries_NeverExpires()
    {
        using var factory = CreateFactory(Idle);
        factory.CreateSummary("work", "Work").Observe(1);

        _clock.Advance(Idle * 3);

        RecordingVisitor.Collect(factory).Family("work").Series.Should().ContainSingle();
    }

    [Fact]
    public void WithoutATimeout_SeriesAreKeptForGood()
    {
        using var factory = CreateFactory(idle: null);
        factory.CreateCounter("jobs", "Jobs", ["id"]).WithLabels("a").Inc();

        _clock.Advance(TimeSpan.FromDays(30));

        RecordingVisitor.Collect(factory).Family("jobs").Series.Should().ContainSingle();
    }

    [Fact]
    public void TimeoutPerMetric_OverridesTheFactoryDefault()
    {
        using var factory = CreateFactory(idle: null);
        var counter = factory.CreateCounter("jobs", "Jobs", ["id"], limits: new SeriesLimits { IdleTimeout = TimeSpan.FromSeconds(10) });
        counter.WithLabels("a").Inc();
        RecordingVisitor.Collect(factory);

        _clock.Advance(TimeSpan.FromSeconds(10));

        RecordingVisitor.Collect(factory).HasFamily("jobs").Should().BeFalse();
    }

    [Fact]
    public void CreateMetric_WithANonPositiveTimeout_ThrowsNamingMetricAndRule()
    {
        using var factory = CreateFactory(idle: null);

        var create = () => factory.CreateCounter("jobs", "Jobs", ["id"], limits: new SeriesLimits { IdleTimeout = TimeSpan.Zero });

        create.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*'jobs'*idle timeout 00:00:00 must be positive*");
    }

    [Fact]
    public void HotPath_WithExpiryOn_AllocatesNothing()
    {
        using var factory = CreateFactory(Idle);
        var counter = factory.CreateCounter("jobs", "Jobs", ["id"]);
        var gauge = factory.CreateGauge("g", "G", ["id"]);
        counter.WithLabels("a");
        gauge.WithLabels("a");

        Allocations.Measure(() =>
        {
            counter.WithLabels("a").Inc();
            gauge.WithLabels("a").Set(2);
        }).Should().Be(0);
    }

    private MetricFactory CreateFactory(TimeSpan? idle) => new(new MetricFactoryOptions
    {
        TimeProvider = _clock,
        SeriesIdleTimeout = idle,
        Exemplars = false,
        MeterName = "Instrumentation.Tests.Expiry",
    });
}
