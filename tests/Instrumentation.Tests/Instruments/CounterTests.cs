using System.Globalization;
using Instrumentation.Collection;
using Instrumentation.Tests.TestSupport;

namespace Instrumentation.Tests.Instruments;

public class CounterTests
{
    [Fact]
    public void Value_OfNewCounter_IsZero()
    {
        using var factory = TestFactory.Create();

        factory.CreateCounter("jobs", "Jobs done").Value.Should().Be(0);
    }

    [Fact]
    public void Inc_WithoutArgument_AddsOne()
    {
        using var factory = TestFactory.Create();
        var counter = factory.CreateCounter("jobs", "Jobs done");

        counter.Inc();
        counter.Inc();

        counter.Value.Should().Be(2);
    }

    [Fact]
    public void Inc_WithWholeAmount_AddsIt()
    {
        using var factory = TestFactory.Create();
        var counter = factory.CreateCounter("jobs", "Jobs done");

        counter.Inc(5);
        counter.Inc(0);

        counter.Value.Should().Be(5);
    }

    [Fact]
    public void Inc_WithFractionalAmounts_SumsThem()
    {
        using var factory = TestFactory.Create();
        var counter = factory.CreateCounter("work_seconds", "Time worked");

        for (var i = 0; i < 10; i++)
        {
            counter.Inc(0.1);
        }

        counter.Value.Should().BeApproximately(1.0, 1e-9);
    }

    [Fact]
    public void Inc_MixingWholeAndFractionalAmounts_AddsAll()
    {
        using var factory = TestFactory.Create();
        var counter = factory.CreateCounter("work_seconds", "Time worked");

        counter.Inc(2);
        counter.Inc(0.25);
        counter.Inc();
        counter.Inc(1.5);

        counter.Value.Should().Be(4.75);
    }

    [Fact]
    public void Inc_WithHugeWholeAmounts_KeepsGrowing()
    {
        using var factory = TestFactory.Create();
        var counter = factory.CreateCounter("transferred_bytes", "Bytes moved");

        counter.Inc(9e18);
        counter.Inc(9e18);

        counter.Value.Should().BeApproximately(1.8e19, 1e4);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(-0.5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Inc_WithInvalidAmount_ThrowsNamingMetricAndValue(double increment)
    {
        using var factory = TestFactory.Create();
        var counter = factory.CreateCounter("jobs", "Jobs done");
        counter.Inc(3);

        var act = () => counter.Inc(increment);

        var ex = act.Should().Throw<ArgumentOutOfRangeException>().Which;
        ex.ParamName.Should().Be("increment");
        ex.ActualValue.Should().Be(increment);
        ex.Message.Should().Contain("'jobs'").And.Contain(increment.ToString(CultureInfo.CurrentCulture));
        counter.Value.Should().Be(3);
    }

    [Fact]
    public void Inc_OnLabelledChildWithNegativeAmount_Throws()
    {
        using var factory = TestFactory.Create();
        var child = factory.CreateCounter("jobs", "Jobs done", ["queue"]).WithLabels("fruits");

        var act = () => child.Inc(-1);

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*'jobs'*");
        child.Value.Should().Be(0);
    }

    [Theory]
    [InlineData("requests")]
    [InlineData("requests_total")]
    public void CreateCounter_WithOrWithoutTotalSuffix_StoresNameWithout(string name)
    {
        using var factory = TestFactory.Create();

        var counter = factory.CreateCounter(name, "Requests");

        counter.Name.Should().Be("requests");
        counter.Type.Should().Be(MetricType.Counter);
        RecordingVisitor.Collect(factory).Families.Select(f => f.Name).Should().Equal("requests");
    }

    [Fact]
    public void CreateCounter_WithAndThenWithoutTotalSuffix_ReturnsSameCounter()
    {
        using var factory = TestFactory.Create();

        var first = factory.CreateCounter("requests_total", "Requests");
        var second = factory.CreateCounter("requests", "Requests");

        second.Should().BeSameAs(first);
    }

    [Fact]
    public void Inc_OnLabelledCounter_ThrowsNamingLabels()
    {
        using var factory = TestFactory.Create();
        var counter = factory.CreateCounter("requests", "Requests", ["method", "code"]);

        var act = () => counter.Inc();

        act.Should().Throw<InvalidOperationException>()
            .WithMessage("*'requests'*method, code*WithLabels*");
    }

    [Fact]
    public void IncWithAmountAndValue_OnLabelledCounter_Throw()
    {
        using var factory = TestFactory.Create();
        var counter = factory.CreateCounter("requests", "Requests", ["method"]);

        counter.Invoking(c => c.Inc(2)).Should().Throw<InvalidOperationException>();
        counter.Invoking(c => c.Value).Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Collect_WritesCounterFamilyWithValueHelpAndCreationTime()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2024, 5, 6, 7, 8, 9, 250, TimeSpan.Zero));
        using var factory = TestFactory.Create(time);
        var counter = factory.CreateCounter("sent_bytes_total", "Bytes sent", unit: "bytes");
        time.Advance(TimeSpan.FromMinutes(1));
        counter.Inc(42);

        var family = RecordingVisitor.Collect(factory).Family("sent_bytes");

        family.Should().BeEquivalentTo(new { Name = "sent_bytes", Help = "Bytes sent", Unit = "bytes", Type = MetricType.Counter });
        var series = family.OnlySeries.Should().BeOfType<RecordedCounter>().Subject;
        series.Labels.Should().BeEmpty();
        series.Value.Should().Be(42);
        series.CreatedUnixSeconds.Should().Be(1714979289.25);
    }

    [Fact]
    public void Collect_WritesOneSeriesPerChildWithItsLabels()
    {
        using var factory = TestFactory.Create();
        var counter = factory.CreateCounter("requests", "Requests", ["method", "code"]);
        counter.WithLabels("GET", "200").Inc(3);
        counter.WithLabels("POST", "500").Inc();

        var family = RecordingVisitor.Collect(factory).Family("requests");

        family.Series.Should().HaveCount(2);
        var get = family.WithLabels("GET", "200").Should().BeOfType<RecordedCounter>().Subject;
        get.LabelNames.Should().Equal("method", "code");
        get.Value.Should().Be(3);
        family.WithLabels("POST", "500").Should().BeOfType<RecordedCounter>().Which.Value.Should().Be(1);
    }

    [Fact]
    public void Inc_FromFourThreads_CountsEveryIncrement()
    {
        using var factory = TestFactory.Create();
        var counter = factory.CreateCounter("jobs", "Jobs done");

        Concurrently.Run(4, _ =>
        {
            for (var i = 0; i < 100_000; i++)
            {
                counter.Inc();
            }
        });

        counter.Value.Should().Be(400_000);
    }

    [Fact]
    public void Inc_OnCachedChildFromFourThreads_CountsEveryIncrement()
    {
        using var factory = TestFactory.Create();
        var child = factory.CreateCounter("jobs", "Jobs done", ["queue"]).WithLabels("fruits");

        Concurrently.Run(4, _ =>
        {
            for (var i = 0; i < 100_000; i++)
            {
                child.Inc();
            }
        });

        child.Value.Should().Be(400_000);
    }

    [Fact]
    public void Inc_WithFractionalAmountFromFourThreads_LosesNoIncrement()
    {
        using var factory = TestFactory.Create();
        var counter = factory.CreateCounter("work_seconds", "Time worked");

        // 0.5 and its multiples up to 2^53 are exact doubles, so any lost compare-exchange shows.
        Concurrently.Run(4, _ =>
        {
            for (var i = 0; i < 100_000; i++)
            {
                counter.Inc(0.5);
            }
        });

        counter.Value.Should().Be(200_000);
    }

    [Fact]
    public void Inc_OnCachedChild_AllocatesNothing()
    {
        using var factory = TestFactory.Create();
        var child = factory.CreateCounter("jobs", "Jobs done", ["queue"]).WithLabels("fruits");

        Allocations.Measure(child.Inc).Should().Be(0);
        Allocations.Measure(() => child.Inc(0.5)).Should().Be(0);
    }

    [Fact]
    public void Inc_OnUnlabelledCounter_AllocatesNothing()
    {
        using var factory = TestFactory.Create();
        var counter = factory.CreateCounter("jobs", "Jobs done");

        Allocations.Measure(counter.Inc).Should().Be(0);
    }

    [Fact]
    public void WithLabels_ForExistingChild_AllocatesNothing()
    {
        using var factory = TestFactory.Create();
        var counter = factory.CreateCounter("requests", "Requests", ["a", "b", "c"]);
        counter.WithLabels("a", "b", "c");

        Allocations.Measure(() => counter.WithLabels("a", "b", "c")).Should().Be(0);
    }

    [Fact]
    public void MeterListener_SeesCounterUnderNameWithoutTotalWithHelpAndUnit()
    {
        using var factory = TestFactory.Create();
        using var recorder = new MeterRecorder(factory.Meter.Name);

        factory.CreateCounter("sent_bytes_total", "Bytes sent", unit: "bytes");

        var instrument = recorder.Instrument("sent_bytes");
        instrument.Description.Should().Be("Bytes sent");
        instrument.Unit.Should().Be("By");
        instrument.GetType().GetGenericTypeDefinition().Should().Be(typeof(System.Diagnostics.Metrics.ObservableCounter<>));
    }

    [Fact]
    public void MeterListener_ReadsCounterValuesWithLabelTags()
    {
        using var factory = TestFactory.Create();
        var unlabelled = factory.CreateCounter("jobs", "Jobs done");
        var labelled = factory.CreateCounter("requests_total", "Requests", ["method", "code"]);
        using var recorder = new MeterRecorder(factory.Meter.Name);
        unlabelled.Inc(2);
        labelled.WithLabels("GET", "200").Inc(3);
        labelled.WithLabels("POST", "500").Inc(0.5);

        var measurements = recorder.RecordObservableInstruments();

        measurements.Should().BeEquivalentTo(new[]
        {
            new RecordedMeasurement("jobs", 2, new Dictionary<string, string?>()),
            new RecordedMeasurement("requests", 3, new Dictionary<string, string?> { ["method"] = "GET", ["code"] = "200" }),
            new RecordedMeasurement("requests", 0.5, new Dictionary<string, string?> { ["method"] = "POST", ["code"] = "500" }),
        });
    }

    [Fact]
    public void MeterListener_ReadsCounterValueAtCollectionTime()
    {
        using var factory = TestFactory.Create();
        var counter = factory.CreateCounter("jobs", "Jobs done");
        using var recorder = new MeterRecorder(factory.Meter.Name);
        counter.Inc();
        recorder.RecordObservableInstruments().Single().Value.Should().Be(1);

        counter.Inc(4);

        recorder.RecordObservableInstruments().Single().Value.Should().Be(5);
    }
}
