using Instrumentation.Exposition;
using Instrumentation.Tests.TestSupport;
using Microsoft.Extensions.Logging;

namespace Instrumentation.Tests.Instruments;

public class CardinalityLimitTests
{
    private readonly CapturingLoggerProvider _logs = new();

    [Fact]
    public void WithLabels_PastTheLimit_GoesToOneOverflowSeriesWithEmptyLabels()
    {
        using var factory = CreateFactory(limit: 3);
        var counter = factory.CreateCounter("requests", "Requests", ["method", "path"]);

        for (var i = 0; i < 10; i++)
        {
            counter.WithLabels("GET", "/" + i).Inc();
        }

        var family = RecordingVisitor.Collect(factory).Family("requests");
        family.Series.Should().HaveCount(4);
        family.Series.Take(3).Select(s => s.LabelValues[1]).Should().Equal("/0", "/1", "/2");
        var overflow = (RecordedCounter)family.Series[3];
        overflow.Labels.Should().Equal(new KeyValuePair<string, string>[] { new("method", ""), new("path", ""), new("otel_metric_overflow", "true") });
        overflow.Value.Should().Be(7);
        counter.SeriesCount.Should().Be(3);
    }

    [Fact]
    public void WithLabels_OfAnExistingSeries_StillFindsItAfterTheLimitIsReached()
    {
        using var factory = CreateFactory(limit: 2);
        var gauge = factory.CreateGauge("temperature", "Temperature", ["room"]);
        var kitchen = gauge.WithLabels("kitchen");
        gauge.WithLabels("hall");
        gauge.WithLabels("attic").Set(99);

        gauge.WithLabels("kitchen").Should().BeSameAs(kitchen);
        gauge.WithLabels("cellar").Should().BeSameAs(gauge.WithLabels("attic"));
    }

    [Fact]
    public void Overflow_IsCountedPerMetric_AndLoggedOncePerMetric()
    {
        using var factory = CreateFactory(limit: 1);
        var a = factory.CreateCounter("a", "A", ["x"]);
        var b = factory.CreateHistogram("b_seconds", "B", ["x"], unit: "seconds");
        for (var i = 0; i < 5; i++)
        {
            a.WithLabels("v" + i).Inc();
            b.WithLabels("v" + i).Observe(1);
        }

        var overflows = RecordingVisitor.Collect(factory).Family("metrics_series_overflow");
        overflows.Series.Cast<RecordedCounter>().Select(s => (s.LabelValues[0], s.Value))
            .Should().BeEquivalentTo([("a", 4.0), ("b_seconds", 4.0)]);
        var warnings = _logs.Entries.Where(e => e.Level == LogLevel.Warning).ToList();
        warnings.Should().HaveCount(2);
        warnings[0].Message.Should().Contain("'a'").And.Contain("cardinality limit of 1");
    }

    [Fact]
    public void Limit_PerMetric_OverridesTheFactoryDefault()
    {
        using var factory = CreateFactory(limit: 100);
        var summary = factory.CreateSummary("jobs", "Jobs", ["queue"], limits: new SeriesLimits { CardinalityLimit = 2 });
        for (var i = 0; i < 4; i++)
        {
            summary.WithLabels("q" + i).Observe(i);
        }

        var family = RecordingVisitor.Collect(factory).Family("jobs");
        family.Series.Should().HaveCount(3);
        ((RecordedSummary)family.Series[2]).Count.Should().Be(2);
    }

    [Fact]
    public void Default_IsTwoThousandSeries()
    {
        using var factory = CreateFactory(limit: MetricFactoryOptions.DefaultCardinalityLimit);
        var counter = factory.CreateCounter("ids", "Ids", ["id"]);
        for (var i = 0; i < 2_100; i++)
        {
            counter.WithLabels(i.ToString(System.Globalization.CultureInfo.InvariantCulture)).Inc();
        }

        counter.SeriesCount.Should().Be(2000);
        new MetricFactoryOptions().CardinalityLimit.Should().Be(2000);
        RecordingVisitor.Collect(factory).Family("ids").Series.Should().HaveCount(2001);
    }

    [Fact]
    public void OverflowSeries_IsWrittenInBothFormats()
    {
        using var factory = CreateFactory(limit: 1);
        var counter = factory.CreateCounter("hits", "Hits", ["page"]);
        counter.WithLabels("a").Inc();
        counter.WithLabels("b").Inc(2);

        foreach (var format in new[] { ExpositionFormat.PrometheusText, ExpositionFormat.OpenMetrics })
        {
            var parsed = ExpositionParser.Parse(Render.Text(factory, format), format);
            var overflow = parsed.Named("hits_total").Single(s => s.Label("otel_metric_overflow") == "true");
            overflow.Label("page").Should().BeEmpty();
            overflow.Value.Should().Be(2);
        }
    }

    [Fact]
    public void Overflow_ShowsInMeterListenerTags()
    {
        using var factory = CreateFactory(limit: 1);
        var gauge = factory.CreateGauge("level", "Level", ["tank"]);
        gauge.WithLabels("a").Set(1);
        gauge.WithLabels("b").Set(2);
        using var recorder = new MeterRecorder(factory.Meter.Name);

        var measurements = recorder.RecordObservableInstruments();

        measurements.Should().Contain(m => m.InstrumentName == "level" && m.Value == 2 && m.Tags["otel_metric_overflow"] == "true");
    }

    [Fact]
    public void CreateMetric_WithTheOverflowLabelName_Throws()
    {
        using var factory = CreateFactory(limit: 5);

        var create = () => factory.CreateCounter("c", "C", ["otel_metric_overflow"]);

        create.Should().Throw<ArgumentException>().WithMessage("*'c'*otel_metric_overflow*reserved*");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void CreateMetric_WithALimitBelowOne_ThrowsNamingMetricValueAndRule(int limit)
    {
        using var factory = CreateFactory(limit: 5);

        var create = () => factory.CreateGauge("g", "G", ["x"], limits: new SeriesLimits { CardinalityLimit = limit });

        create.Should().Throw<ArgumentOutOfRangeException>().WithMessage($"*'g'*cardinality limit {limit} must be at least 1*");
    }

    [Fact]
    public void Factory_WithALimitBelowOne_Throws()
    {
        var create = () => new MetricFactory(new MetricFactoryOptions { CardinalityLimit = 0 });

        create.Should().Throw<ArgumentException>().WithMessage("*CardinalityLimit is 0*at least 1*");
    }

    [Fact]
    public void WithLabels_OfACachedChild_StillAllocatesNothing()
    {
        using var factory = CreateFactory(limit: 1);
        var counter = factory.CreateCounter("c", "C", ["x"]);
        counter.WithLabels("a");
        counter.WithLabels("b");

        Allocations.Measure(() => counter.WithLabels("a").Inc()).Should().Be(0);
    }

    private MetricFactory CreateFactory(int limit) => new(new MetricFactoryOptions
    {
        TimeProvider = new ManualTimeProvider(),
        CardinalityLimit = limit,
        LoggerFactory = _logs.AsLoggerFactory(),
        MeterName = "Instrumentation.Tests.Cardinality." + Guid.NewGuid().ToString("N"),
    });
}
