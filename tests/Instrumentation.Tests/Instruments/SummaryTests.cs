using System.Diagnostics.Metrics;
using Instrumentation.Quantiles;
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
    [InlineData(0, 0.01, "*quantile 0 *")]
    [InlineData(0.5, -0.1, "*-0.1*")]
    public void CreateSummary_WithBadObjective_ThrowsNamingTheMetricAndValue(double quantile, double error, string expected)
    {
        using var metrics = new MetricFactory();

        var create = () => metrics.CreateSummary("job_seconds", "Jobs", objectives: [new QuantileObjective(quantile, error)]);

        create.Should().Throw<ArgumentException>().WithMessage("*job_seconds*").WithMessage(expected);
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
