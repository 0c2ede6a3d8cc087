using Instrumentation.Collection;
using Instrumentation.Tests.TestSupport;

namespace Instrumentation.Tests.Instruments;

public class GaugeTests
{
    [Fact]
    public void Value_OfNewGauge_IsZero()
    {
        using var factory = TestFactory.Create();

        factory.CreateGauge("queue_length", "Items queued").Value.Should().Be(0);
    }

    [Fact]
    public void Set_ReplacesValue()
    {
        using var factory = TestFactory.Create();
        var gauge = factory.CreateGauge("temperature_celsius", "Temperature", unit: "celsius");

        gauge.Set(21.5);
        gauge.Set(-3.25);

        gauge.Value.Should().Be(-3.25);
    }

    [Fact]
    public void IncAndDec_WithoutArgument_MoveByOne()
    {
        using var factory = TestFactory.Create();
        var gauge = factory.CreateGauge("queue_length", "Items queued");

        gauge.Inc();
        gauge.Inc();
        gauge.Inc();
        gauge.Dec();

        gauge.Value.Should().Be(2);
    }

    [Fact]
    public void IncAndDec_WithAmounts_MoveByThem()
    {
        using var factory = TestFactory.Create();
        var gauge = factory.CreateGauge("balance", "Balance");
        gauge.Set(10);

        gauge.Inc(2.5);
        gauge.Dec(4);
        gauge.Dec(-1);
        gauge.Inc(-0.5);

        gauge.Value.Should().Be(9);
    }

    [Fact]
    public void Inc_WithNaN_ThrowsNamingMetricAndKeepsValue()
    {
        using var factory = TestFactory.Create();
        var gauge = factory.CreateGauge("balance", "Balance");
        gauge.Set(7);

        var act = () => gauge.Inc(double.NaN);

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*'balance'*NaN*").Which.ParamName.Should().Be("amount");
        gauge.Value.Should().Be(7);
    }

    [Fact]
    public void Dec_WithNaN_ThrowsNamingMetricAndKeepsValue()
    {
        using var factory = TestFactory.Create();
        var gauge = factory.CreateGauge("balance", "Balance");
        gauge.Set(7);

        var act = () => gauge.Dec(double.NaN);

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*'balance'*NaN*");
        gauge.Value.Should().Be(7);
    }

    [Fact]
    public void Set_WithNaN_IsAllowed()
    {
        using var factory = TestFactory.Create();
        var gauge = factory.CreateGauge("ratio", "Ratio");

        gauge.Set(double.NaN);

        gauge.Value.Should().Be(double.NaN);
        RecordingVisitor.Collect(factory).Family("ratio").OnlySeries.Should().BeOfType<RecordedGauge>().Which.Value.Should().Be(double.NaN);
    }

    [Fact]
    public void SetToCurrentTimeUnix_UsesFactoryClock()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2024, 5, 6, 7, 8, 9, 250, TimeSpan.Zero));
        using var factory = TestFactory.Create(time);
        var gauge = factory.CreateGauge("last_run_timestamp_seconds", "Last run", unit: "seconds");

        gauge.SetToCurrentTimeUnix();
        gauge.Value.Should().Be(1714979289.25);

        time.Advance(TimeSpan.FromSeconds(90));
        gauge.Value.Should().Be(1714979289.25, "the gauge keeps the time it was set to");
        gauge.SetToCurrentTimeUnix();
        gauge.Value.Should().Be(1714979379.25);
    }

    [Fact]
    public void SetToCurrentTimeUnix_OnChild_UsesFactoryClock()
    {
        var time = new ManualTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_000_000));
        using var factory = TestFactory.Create(time);
        var child = factory.CreateGauge("last_run_timestamp_seconds", "Last run", ["job"]).WithLabels("backup");

        child.SetToCurrentTimeUnix();

        child.Value.Should().Be(1_000_000);
    }

    [Fact]
    public void SetCallback_IsReadAtCollectionTime()
    {
        using var factory = TestFactory.Create();
        var gauge = factory.CreateGauge("queue_length", "Items queued");
        var queue = 3.0;
        gauge.Set(100);
        gauge.SetCallback(() => queue);

        queue = 5;
        var first = RecordingVisitor.Collect(factory).Family("queue_length").OnlySeries;
        queue = 8;
        var second = RecordingVisitor.Collect(factory).Family("queue_length").OnlySeries;

        first.Should().BeOfType<RecordedGauge>().Which.Value.Should().Be(5);
        second.Should().BeOfType<RecordedGauge>().Which.Value.Should().Be(8);
        gauge.Value.Should().Be(8);
    }

    [Fact]
    public void SetCallback_WithNull_ReturnsToStoredValue()
    {
        using var factory = TestFactory.Create();
        var gauge = factory.CreateGauge("queue_length", "Items queued");
        gauge.Set(4);
        gauge.SetCallback(() => 9);
        gauge.Value.Should().Be(9);

        gauge.SetCallback(null);

        gauge.Value.Should().Be(4);
    }

    [Fact]
    public void Collect_WithThrowingCallback_LeavesItsSeriesOutAndCollectsOtherSeries()
    {
        using var factory = TestFactory.Create();
        var gauge = factory.CreateGauge("pool_size", "Pool size", ["pool"]);
        gauge.WithLabels("broken").SetCallback(() => throw new InvalidOperationException("boom"));
        gauge.WithLabels("healthy").Set(3);
        var other = factory.CreateGauge("zz_other", "Collected after the broken family");
        other.Set(1);

        var collected = RecordingVisitor.Collect(factory);

        var family = collected.Family("pool_size");
        family.Invoking(f => f.WithLabels("broken")).Should().Throw<InvalidOperationException>("a series whose callback throws is left out");
        family.WithLabels("healthy").Should().BeOfType<RecordedGauge>().Which.Value.Should().Be(3);
        collected.Family("zz_other").OnlySeries.Should().BeOfType<RecordedGauge>().Which.Value.Should().Be(1);
    }

    [Fact]
    public void TrackInProgress_RaisesThenLowers()
    {
        using var factory = TestFactory.Create();
        var gauge = factory.CreateGauge("jobs_in_progress", "Jobs running");

        using (gauge.TrackInProgress())
        {
            gauge.Value.Should().Be(1);
            using (gauge.TrackInProgress())
            {
                gauge.Value.Should().Be(2);
            }

            gauge.Value.Should().Be(1);
        }

        gauge.Value.Should().Be(0);
    }

    [Fact]
    public void TrackInProgress_WhenExceptionEscapes_StillLowers()
    {
        using var factory = TestFactory.Create();
        var child = factory.CreateGauge("jobs_in_progress", "Jobs running", ["queue"]).WithLabels("fruits");
        var valueInside = 0.0;

        var act = () =>
        {
            using (child.TrackInProgress())
            {
                valueInside = child.Value;
                throw new InvalidOperationException("job failed");
            }
        };

        act.Should().Throw<InvalidOperationException>().WithMessage("job failed");
        valueInside.Should().Be(1);
        child.Value.Should().Be(0);
    }

    [Fact]
    public void Set_OnLabelledGauge_ThrowsNamingLabels()
    {
        using var factory = TestFactory.Create();
        var gauge = factory.CreateGauge("pool_size", "Pool size", ["pool"]);

        var act = () => gauge.Set(1);

        act.Should().Throw<InvalidOperationException>().WithMessage("*'pool_size'*pool*");
    }

    [Fact]
    public void Collect_WritesGaugeFamilyWithLabelledSeries()
    {
        using var factory = TestFactory.Create();
        var gauge = factory.CreateGauge("pool_size", "Pool size", ["pool"]);
        gauge.WithLabels("db").Set(10);
        gauge.WithLabels("http").Set(4);

        var family = RecordingVisitor.Collect(factory).Family("pool_size");

        family.Should().BeEquivalentTo(new { Name = "pool_size", Help = "Pool size", Unit = "", Type = MetricType.Gauge });
        family.WithLabels("db").Should().BeOfType<RecordedGauge>().Which.Value.Should().Be(10);
        family.WithLabels("http").LabelNames.Should().Equal("pool");
    }

    [Fact]
    public void Inc_OnCachedChildFromFourThreads_LosesNoIncrement()
    {
        using var factory = TestFactory.Create();
        var child = factory.CreateGauge("jobs_in_progress", "Jobs running", ["queue"]).WithLabels("fruits");

        Concurrently.Run(4, t =>
        {
            for (var i = 0; i < 100_000; i++)
            {
                if (t % 2 == 0)
                {
                    child.Inc(3);
                }
                else
                {
                    child.Dec();
                }
            }
        });

        child.Value.Should().Be(400_000);
    }

    [Fact]
    public void SetIncAndTrackInProgress_OnCachedChild_AllocateNothing()
    {
        using var factory = TestFactory.Create();
        var child = factory.CreateGauge("pool_size", "Pool size", ["pool"]).WithLabels("db");

        Allocations.Measure(() => child.Set(1)).Should().Be(0);
        Allocations.Measure(() => child.Inc(2)).Should().Be(0);
        Allocations.Measure(() =>
        {
            using (child.TrackInProgress())
            {
            }
        }).Should().Be(0);
    }

    [Fact]
    public void MeterListener_SeesGaugeWithHelpAndUnit()
    {
        using var factory = TestFactory.Create();
        using var recorder = new MeterRecorder(factory.Meter.Name);

        factory.CreateGauge("uptime_seconds", "Uptime", unit: "seconds");

        var instrument = recorder.Instrument("uptime_seconds");
        instrument.Description.Should().Be("Uptime");
        instrument.Unit.Should().Be("s");
        instrument.GetType().GetGenericTypeDefinition().Should().Be(typeof(System.Diagnostics.Metrics.ObservableGauge<>));
    }

    [Fact]
    public void MeterListener_ReadsGaugeValuesWithLabelTagsIncludingCallbacks()
    {
        using var factory = TestFactory.Create();
        var gauge = factory.CreateGauge("pool_size", "Pool size", ["pool"]);
        using var recorder = new MeterRecorder(factory.Meter.Name);
        gauge.WithLabels("db").Set(10);
        gauge.WithLabels("http").SetCallback(() => 7);
        gauge.WithLabels("broken").SetCallback(() => throw new InvalidOperationException("boom"));

        var measurements = recorder.RecordObservableInstruments();

        // The failing callback also registers metrics_callback_errors, which the listener reads as well.
        measurements.Where(m => m.InstrumentName == "pool_size").Should().HaveCount(2, "a series whose callback throws is left out");
        measurements.Should().ContainEquivalentOf(new RecordedMeasurement("pool_size", 10, new Dictionary<string, string?> { ["pool"] = "db" }));
        measurements.Should().ContainEquivalentOf(new RecordedMeasurement("pool_size", 7, new Dictionary<string, string?> { ["pool"] = "http" }));
    }
}
