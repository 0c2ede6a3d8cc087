using System.Diagnostics.Metrics;
using Instrumentation.Exposition;
using Instrumentation.Quantiles;
using Instrumentation.Testing;
using Instrumentation.Tests.TestSupport;

namespace Instrumentation.Tests.Instruments;

public sealed class SummaryTests
{
    [Fact]
    public void CreateSummary_WithoutObjectives_UsesTheDefaultThreeQuantiles()
    {
        using var metrics = new MetricFactory();

        var summary = metrics.CreateSummary("job_seconds", "Jobs");

        summary.QuantileObjectives.Should().Equal(new QuantileObjective(0.5, 0.05), new QuantileObjective(0.9, 0.01), new QuantileObjective(0.99, 0.001));
    }

    [Fact]
    public void Observe_UniformStream_ReportsQuantilesCountAndSum()
    {
        using var metrics = new MetricFactory();
        var summary = metrics.CreateSummary("job_seconds", "Jobs", labelNames: ["queue"]);
        var series = summary.WithLabels("fruits");

        for (var i = 1; i <= 1000; i++)
        {
            series.Observe(i);
        }

        series.Count.Should().Be(1000);
        series.Sum.Should().Be(500500);
        var quantiles = series.GetQuantiles();
        quantiles[0].Should().BeInRange(450, 550);
        quantiles[1].Should().BeInRange(890, 910);
        quantiles[2].Should().BeInRange(989, 991);
    }

    [Fact]
    public void Observe_OneToHundred_ReportsTheValueOfRankCeilingQTimesN()
    {
        // Regression: the 0.99 quantile of 1..100 was 100, one rank in 100 off against a declared error of 0.001.
        using var metrics = new MetricFactory();
        var series = metrics.CreateSummary("job_seconds", "Jobs", labelNames: ["queue"]).WithLabels("fruits");

        for (var i = 1; i <= 100; i++)
        {
            series.Observe(i);
        }

        series.GetQuantiles().Should().Equal(50, 90, 99);
    }

    [Fact]
    public void Observe_WithAnEmptyObjectiveList_KeepsSumAndCountOnly()
    {
        using var metrics = new MetricFactory();
        var summary = metrics.CreateSummary("job_seconds", "Jobs", objectives: []);

        summary.Observe(2);
        summary.Observe(3);

        summary.QuantileObjectives.Should().BeEmpty();
        summary.WithLabels().GetQuantiles().Should().BeEmpty();
        summary.WithLabels().Sum.Should().Be(5);
        summary.WithLabels().Count.Should().Be(2);
    }

    [Fact]
    public void Query_AfterTheWindowPasses_ReportsNaNButKeepsSumAndCount()
    {
        var clock = new ManualTimeProvider();
        using var metrics = new MetricFactory(new MetricFactoryOptions { TimeProvider = clock });
        var summary = metrics.CreateSummary("job_seconds", "Jobs", maxAge: TimeSpan.FromMinutes(1), ageBuckets: 2);
        summary.Observe(1);
        summary.WithLabels().GetQuantiles().Should().AllSatisfy(q => q.Should().Be(1));

        clock.Advance(TimeSpan.FromMinutes(2));

        summary.WithLabels().GetQuantiles().Should().AllSatisfy(q => double.IsNaN(q).Should().BeTrue());
        summary.WithLabels().Count.Should().Be(1);
    }

    [Fact]
    public void Observe_NaN_ThrowsNamingTheMetricAndKeepsTheData()
    {
        using var metrics = new MetricFactory();
        var summary = metrics.CreateSummary("job_seconds", "Jobs");
        summary.Observe(1);

        var observe = () => summary.Observe(double.NaN);

        observe.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*job_seconds*NaN*");
        summary.WithLabels().Sum.Should().Be(1);
    }

    [Theory]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Observe_Infinity_ThrowsNamingTheMetricAndKeepsTheData(double value)
    {
        using var metrics = new MetricFactory();
        var summary = metrics.CreateSummary("job_seconds", "Jobs");
        summary.Observe(1);

        var observe = () => summary.Observe(value);

        observe.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*job_seconds*Infinity*");
        summary.WithLabels().Sum.Should().Be(1);
        summary.WithLabels().Count.Should().Be(1);
    }

    [Fact]
    public void CreateSummary_WithQuantileLabel_Throws()
    {
        using var metrics = new MetricFactory();

        var create = () => metrics.CreateSummary("job_seconds", "Jobs", labelNames: ["quantile"]);

        create.Should().Throw<ArgumentException>().WithMessage("*'quantile'*reserved*");
    }

    [Theory]
    [InlineData(1.5, 0.01, "*1.5*")]
    [InlineData(-0.5, 0.01, "*quantile -0.5 *")]
    [InlineData(double.NaN, 0.01, "*quantile NaN *")]
    [InlineData(0.5, -0.1, "*-0.1*")]
    public void CreateSummary_WithBadObjective_ThrowsNamingTheMetricAndValue(double quantile, double error, string expected)
    {
        using var metrics = new MetricFactory();

        var create = () => metrics.CreateSummary("job_seconds", "Jobs", objectives: [new QuantileObjective(quantile, error)]);

        create.Should().Throw<ArgumentException>().WithMessage("*job_seconds*").WithMessage(expected);
    }

    [Fact]
    public void QuantilesZeroAndOne_ReportTheExactMinimumAndMaximumOfManyObservations()
    {
        using var metrics = TestFactory.Create(new ManualTimeProvider());
        var summary = metrics.CreateSummary("job_seconds", "Jobs", objectives: [new(1, 0), new(0.5, 0.05), new(0, 0)]);
        var values = Enumerable.Range(1, 10_000).Select(i => i / 4.0).ToArray();
        new Random(7).Shuffle(values);

        foreach (var value in values)
        {
            summary.Observe(value);
        }

        var read = metrics.GetSummary("job_seconds");
        read.Quantiles.Select(q => q.Quantile).Should().Equal(0, 0.5, 1);
        read.Quantiles[0].Value.Should().Be(0.25, "quantile 0 is the smallest observation, exactly");
        read.Quantiles[1].Value.Should().BeInRange(1200, 1300);
        read.Quantiles[2].Value.Should().Be(2500, "quantile 1 is the largest observation, exactly");
    }

    [Fact]
    public void QuantilesZeroAndOne_FollowTheSlidingWindow()
    {
        var clock = new ManualTimeProvider();
        using var metrics = TestFactory.Create(clock);
        var summary = metrics.CreateSummary("job_seconds", "Jobs", objectives: [new(0, 0), new(1, 0)], maxAge: TimeSpan.FromMinutes(1), ageBuckets: 2);
        foreach (var value in new[] { 5.0, -3, 40, 7 })
        {
            summary.Observe(value);
        }

        MinAndMax().Should().Equal(-3, 40);

        clock.Advance(TimeSpan.FromSeconds(40));
        summary.Observe(12);
        summary.Observe(2);
        MinAndMax().Should().Equal(-3, 40);

        clock.Advance(TimeSpan.FromSeconds(30));
        MinAndMax().Should().Equal([2, 12], "the first four observations have left the window");

        double[] MinAndMax() => [.. metrics.GetSummary("job_seconds").Quantiles.Select(q => q.Value)];
    }

    [Fact]
    public void QuantilesZeroAndOne_AreScrapedAsTheMinimumAndMaximum()
    {
        using var metrics = TestFactory.Create(new ManualTimeProvider(), exemplars: false);
        var summary = metrics.CreateSummary("job_seconds", "Jobs", objectives: [new(0, 0), new(1, 0)]);
        summary.Observe(0.125);
        summary.Observe(8);
        summary.Observe(0.5);

        metrics.ShouldHaveExposition(
            """
            # HELP job_seconds Jobs
            # TYPE job_seconds summary
            job_seconds{quantile="0"} 0.125
            job_seconds{quantile="1"} 8
            job_seconds_sum 8.625
            job_seconds_count 3
            """,
            "job_seconds");
        metrics.ExpositionOf(ExpositionFormat.OpenMetrics, "job_seconds").Should()
            .Contain("job_seconds{quantile=\"0.0\"} 0.125\n").And.Contain("job_seconds{quantile=\"1.0\"} 8\n");
    }

    [Fact]
    public void CreateSummary_WithZeroWindow_Throws()
    {
        using var metrics = new MetricFactory();

        var create = () => metrics.CreateSummary("job_seconds", "Jobs", maxAge: TimeSpan.Zero);

        create.Should().Throw<ArgumentException>().WithMessage("*job_seconds*");
    }

    [Fact]
    public void CreateSummary_Twice_WithOtherObjectives_Conflicts()
    {
        using var metrics = new MetricFactory();
        metrics.CreateSummary("job_seconds", "Jobs");

        var again = () => metrics.CreateSummary("job_seconds", "Jobs", objectives: [new QuantileObjective(0.75, 0.01)]);

        again.Should().Throw<InvalidOperationException>().WithMessage("*job_seconds*already registered*0.75*");
        metrics.CreateSummary("job_seconds", "Jobs").Should().BeSameAs(metrics.Find("job_seconds"));
    }

    [Fact]
    public void NewTimer_ObservesElapsedSeconds()
    {
        using var metrics = new MetricFactory();
        var summary = metrics.CreateSummary("job_seconds", "Jobs");

        using (summary.NewTimer())
        {
            Thread.Sleep(5);
        }

        summary.WithLabels().Count.Should().Be(1);
        summary.WithLabels().Sum.Should().BeGreaterThan(0.004);
    }

    [Fact]
    public void Observe_IsSeenByAMeterListenerWhileItListens()
    {
        var meterName = "summary-test-" + Guid.NewGuid();
        using var metrics = new MetricFactory(new MetricFactoryOptions { MeterName = meterName });
        var summary = metrics.CreateSummary("job_seconds", "Jobs", labelNames: ["queue"], unit: "seconds");
        var seen = new List<(string Instrument, string? Unit, double Value, string? Queue)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == meterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
            seen.Add((instrument.Name, instrument.Unit, value, tags.ToArray().Single(t => t.Key == "queue").Value as string)));
        listener.Start();

        summary.WithLabels("fruits").Observe(0.25);

        seen.Should().ContainSingle().Which.Should().Be(("job_seconds", "s", 0.25, "fruits"));
    }
}
