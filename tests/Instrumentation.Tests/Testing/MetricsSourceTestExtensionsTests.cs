using Instrumentation.Exposition;
using Instrumentation.Testing;
using Instrumentation.Tests.TestSupport;

namespace Instrumentation.Tests.Testing;

public class MetricsSourceTestExtensionsTests
{
    [Fact]
    public void GetValue_Counter_ReturnsCurrentTotalByEitherName()
    {
        using var factory = TestFactory.Create(new ManualTimeProvider());
        factory.CreateCounter("jobs", "Jobs.").Inc(3);

        factory.GetValue("jobs").Should().Be(3);
        factory.GetValue("jobs_total").Should().Be(3);
    }

    [Fact]
    public void GetValue_LabelledGauge_ReturnsThatSeries()
    {
        using var factory = TestFactory.Create(new ManualTimeProvider());
        var gauge = factory.CreateGauge("queue_items", "Items.", ["queue", "region"]);
        gauge.WithLabels("fruit", "eu").Set(4);
        gauge.WithLabels("fruit", "us").Set(7.5);

        factory.GetValue("queue_items", "fruit", "us").Should().Be(7.5);
    }

    [Fact]
    public void GetValue_MissingMetric_ThrowsListingTheMetricsThatExist()
    {
        using var factory = TestFactory.Create(new ManualTimeProvider());
        factory.CreateCounter("jobs", "Jobs.").Inc();
        factory.CreateGauge("queue_items", "Items.").Set(1);

        var act = () => factory.GetValue("job");

        act.Should().Throw<MetricsAssertionException>()
            .WithMessage("No metric named 'job' exists; metrics that exist: jobs_total (counter), queue_items (gauge).");
    }

    [Fact]
    public void GetValue_MissingSeries_ThrowsListingTheSeriesThatExist()
    {
        using var factory = TestFactory.Create(new ManualTimeProvider());
        var counter = factory.CreateCounter("requests", "Requests.", ["method", "code"]);
        counter.WithLabels("GET", "200").Inc();
        counter.WithLabels("POST", "500").Inc();

        var act = () => factory.GetValue("requests_total", "GET", "500");

        act.Should().Throw<MetricsAssertionException>().WithMessage(
            "Metric 'requests_total' has no series with label values (\"GET\", \"500\"); series that exist: {method=\"GET\",code=\"200\"}, {method=\"POST\",code=\"500\"}.");
    }

    [Fact]
    public void GetValue_OnHistogram_ThrowsPointingToGetHistogram()
    {
        using var factory = TestFactory.Create(new ManualTimeProvider());
        factory.CreateHistogram("latency_seconds", "Latency.").Observe(1);

        var act = () => factory.GetValue("latency_seconds");

        act.Should().Throw<MetricsAssertionException>().WithMessage("Metric 'latency_seconds' is a histogram; read it with GetHistogram(...).");
    }

    [Fact]
    public void GetHistogram_ReturnsCountSumAndCumulativeBuckets()
    {
        using var factory = TestFactory.Create(new ManualTimeProvider());
        var histogram = factory.CreateHistogram("latency_seconds", "Latency.", ["route"], buckets: [0.1, 1]);
        histogram.WithLabels("/fruit").Observe(0.05);
        histogram.WithLabels("/fruit").Observe(0.5);
        histogram.WithLabels("/fruit").Observe(3);

        var value = factory.GetHistogram("latency_seconds", "/fruit");

        value.Count.Should().Be(3);
        value.Sum.Should().Be(3.55);
        value.Buckets.Should().Equal(new HistogramBucket(0.1, 1), new HistogramBucket(1, 2), new HistogramBucket(double.PositiveInfinity, 3));
    }

    [Fact]
    public void GetSummary_FromHandWrittenSource_ReturnsQuantilesSumAndCount()
    {
        var source = DelegateMetricsSource.Summary("checkout");

        var value = source.GetSummary("rpc_duration_seconds", "checkout");

        value.Count.Should().Be(20);
        value.Sum.Should().Be(17.5);
        value.Quantiles.Should().Equal(new SummaryQuantile(0.5, 0.125), new SummaryQuantile(0.9, 2), new SummaryQuantile(0.99, 3.5), new SummaryQuantile(1, double.NaN));
    }

    [Fact]
    public void GetSummary_OnCounter_ThrowsPointingToGetValue()
    {
        using var factory = TestFactory.Create(new ManualTimeProvider());
        factory.CreateCounter("jobs", "Jobs.").Inc();

        var act = () => factory.GetSummary("jobs");

        act.Should().Throw<MetricsAssertionException>().WithMessage("Metric 'jobs' is a counter; read it with GetValue(...).");
    }

    [Fact]
    public void ShouldHaveExposition_MatchingTextWithOtherLineEndingsAndTrailingSpaces_Passes()
    {
        using var factory = TestFactory.Create(new ManualTimeProvider());
        factory.CreateCounter("jobs", "Jobs.", ["queue"]).WithLabels("fruit").Inc(2);
        factory.CreateGauge("other", "Not selected.").Set(1);

        var act = () => factory.ShouldHaveExposition(
            "\r\n# HELP jobs_total Jobs.   \r\n# TYPE jobs_total counter\r\njobs_total{queue=\"fruit\"} 2  \r\n\r\n",
            "jobs");

        act.Should().NotThrow();
    }

    [Fact]
    public void ShouldHaveExposition_DifferentValue_ThrowsShowingExpectedAndActualLines()
    {
        using var factory = TestFactory.Create(new ManualTimeProvider());
        factory.CreateCounter("jobs", "Jobs.").Inc(2);

        var act = () => factory.ShouldHaveExposition(
            """
            # HELP jobs_total Jobs.
            # TYPE jobs_total counter
            jobs_total 3
            """,
            "jobs_total");

        act.Should().Throw<MetricsAssertionException>().WithMessage(
            """
            The exposition differs from the expected text in 1 line(s) (3 expected, 3 actual):
              line 3:
                expected: jobs_total 3
                actual:   jobs_total 2
            Actual exposition:
            # HELP jobs_total Jobs.
            # TYPE jobs_total counter
            jobs_total 2
            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void ShouldHaveExposition_MissingLine_ShowsNoLine()
    {
        using var factory = TestFactory.Create(new ManualTimeProvider());
        factory.CreateGauge("value", "Value.").Set(1);

        var act = () => factory.ShouldHaveExposition("# HELP value Value.\n# TYPE value gauge\nvalue 1\nvalue_extra 2\n");

        act.Should().Throw<MetricsAssertionException>().WithMessage("*line 4:\n    expected: value_extra 2\n    actual:   (no line)*");
    }

    [Fact]
    public void ShouldHaveExposition_UnknownName_SaysWhichMetricsExist()
    {
        using var factory = TestFactory.Create(new ManualTimeProvider());
        factory.CreateGauge("value", "Value.").Set(1);

        var act = () => factory.ShouldHaveExposition("# TYPE valu gauge\nvalu 1\n", "valu");

        act.Should().Throw<MetricsAssertionException>().WithMessage("*No metric named 'valu' exists; metrics that exist: value.");
    }

    [Fact]
    public void ExpositionOf_ChosenFamiliesInOpenMetrics_RendersOnlyThemAndEof()
    {
        using var factory = TestFactory.Create(new ManualTimeProvider(), exemplars: false);
        factory.CreateGauge("chosen", "Chosen.").Set(1);
        factory.CreateGauge("ignored", "Ignored.").Set(2);

        factory.ExpositionOf(ExpositionFormat.OpenMetrics, "chosen").Should().Be("# TYPE chosen gauge\n# HELP chosen Chosen.\nchosen 1\n# EOF\n");
    }
}
