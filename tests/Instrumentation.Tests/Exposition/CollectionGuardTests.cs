using Instrumentation.Collection;
using Instrumentation.Exposition;
using Instrumentation.Tests.TestSupport;

namespace Instrumentation.Tests.Exposition;

/// <summary>
/// A source the scraper does not own (a custom <see cref="IMetricsSource"/>) may hand over anything: whatever no
/// format can carry is left out of every format, counted and logged, and the rest of the scrape is served.
/// </summary>
public sealed class CollectionGuardTests : IDisposable
{
    private readonly CapturingLoggerProvider _logs = new();
    private readonly MetricFactory _factory;

    public CollectionGuardTests()
    {
        _factory = new MetricFactory(new MetricFactoryOptions { MeterName = TestFactory.NewMeterName(), LoggerFactory = _logs.AsLoggerFactory() });
        _factory.CreateGauge("healthy", "Still served.").Set(1);
    }

    public static TheoryData<string, string> InvalidLabelSets => new()
    {
        { "repeated", "a,a" },
        { "reserved_prefix", "__a" },
        { "not_a_name", "a-b" },
        { "empty", "" },
    };

    [Theory]
    [MemberData(nameof(InvalidLabelSets))]
    public void Scrape_SeriesWithAnInvalidLabelSet_IsLeftOutAndCounted(string metric, string names)
    {
        var labelNames = names.Split(',');
        var values = labelNames.Select(_ => "v").ToArray();
        var source = Gauges(metric, (labelNames, values, 1), (["ok"], ["v"], 2));

        var (openMetrics, text) = ScrapeTwice(source);

        openMetrics.Should().Contain($"{metric}{{ok=\"v\"}} 2\n").And.Contain("healthy 1\n");
        Lines(openMetrics, metric).Should().HaveCount(1);
        text.Should().Contain($"metrics_series_dropped_total{{metric=\"{metric}\",reason=\"invalid_labels\"}}");
    }

    [Fact]
    public void Scrape_HistogramSeriesWithItsOwnLeLabel_IsLeftOut()
    {
        var source = new DelegateMetricsSource(visitor =>
        {
            visitor.BeginFamily(new MetricFamilyDescriptor("custom_latency", "", "", MetricType.Histogram));
            visitor.WriteHistogram(new MetricLabels(["le"], ["x"]), new HistogramPoint([1.0], [1, 1], 0.5, 0, []));
            visitor.EndFamily();
        });

        var (openMetrics, text) = ScrapeTwice(source);

        openMetrics.Should().NotContain("custom_latency_bucket");
        text.Should().Contain("metrics_series_dropped_total{metric=\"custom_latency\",reason=\"invalid_labels\"} 1");
    }

    [Fact]
    public void Scrape_SummarySeriesWithItsOwnQuantileLabel_IsLeftOut()
    {
        var source = new DelegateMetricsSource(visitor =>
        {
            visitor.BeginFamily(new MetricFamilyDescriptor("custom_summary", "", "", MetricType.Summary));
            visitor.WriteSummary(new MetricLabels(["quantile"], ["x"]), new SummaryPoint([0.5], [1], 1, 1, 0));
            visitor.EndFamily();
        });

        var (openMetrics, _) = ScrapeTwice(source);

        openMetrics.Should().NotContain("custom_summary{");
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.NegativeInfinity)]
    public void Scrape_CounterWithAnInvalidTotal_IsLeftOutInBothFormats(double value)
    {
        var source = new DelegateMetricsSource(visitor =>
        {
            visitor.BeginFamily(new MetricFamilyDescriptor("custom_events", "", "", MetricType.Counter));
            visitor.WriteCounter(new MetricLabels(["k"], ["bad"]), value, 0, null);
            visitor.WriteCounter(new MetricLabels(["k"], ["good"]), 4, 0, null);
            visitor.EndFamily();
        });

        var (openMetrics, text) = ScrapeTwice(source);

        openMetrics.Should().Contain("custom_events_total{k=\"good\"} 4\n").And.NotContain("bad");
        text.Should().Contain("custom_events_total{k=\"good\"} 4\n").And.NotContain("k=\"bad\"");
        text.Should().Contain("metrics_series_dropped_total{metric=\"custom_events\",reason=\"invalid_value\"} 1");
        _logs.Entries.Where(e => e.EventId == 6).Should().ContainSingle("a drop is logged once per metric and reason")
            .Which.Message.Should().Contain("custom_events").And.Contain("negative or NaN");
    }

    [Fact]
    public void Scrape_HistogramWhoseCountsAreNotCumulative_IsLeftOut()
    {
        var source = new DelegateMetricsSource(visitor =>
        {
            visitor.BeginFamily(new MetricFamilyDescriptor("custom_sizes", "", "", MetricType.Histogram));
            visitor.WriteHistogram(default, new HistogramPoint([1.0, 2.0], [5, 3, 5], 9, 0, []));
            visitor.EndFamily();
        });

        var (openMetrics, _) = ScrapeTwice(source);

        openMetrics.Should().NotContain("custom_sizes_bucket");
    }

    [Fact]
    public void Scrape_DefaultHistogramPoint_IsLeftOutRatherThanFailingTheScrape()
    {
        // default(HistogramPoint) has no +Inf count at all: reading its Count throws.
        var source = new DelegateMetricsSource(visitor =>
        {
            visitor.BeginFamily(new MetricFamilyDescriptor("custom_empty", "", "", MetricType.Histogram));
            visitor.WriteHistogram(new MetricLabels(["k"], ["default"]), default);
            visitor.WriteHistogram(new MetricLabels(["k"], ["good"]), new HistogramPoint([1.0], [1, 2], 3, 0, []));
            visitor.EndFamily();
        });

        var (openMetrics, text) = ScrapeTwice(source);

        openMetrics.Should().Contain("custom_empty_count{k=\"good\"} 2\n").And.NotContain("default");
        text.Should().Contain("metrics_series_dropped_total{metric=\"custom_empty\",reason=\"invalid_value\"} 1");
    }

    [Theory]
    [InlineData("__reserved", MetricType.Gauge)]
    [InlineData("9starts_with_digit", MetricType.Gauge)]
    [InlineData("has-dash", MetricType.Gauge)]
    [InlineData("_", MetricType.Counter)]
    public void Scrape_FamilyWithAnInvalidName_IsLeftOutAndCounted(string name, MetricType type)
    {
        var source = new DelegateMetricsSource(visitor =>
        {
            visitor.BeginFamily(new MetricFamilyDescriptor(name, "", "", type));
            if (type == MetricType.Gauge)
            {
                visitor.WriteGauge(default, 1);
            }
            else
            {
                visitor.WriteCounter(default, 1, 0, null);
            }

            visitor.EndFamily();
        });

        var (openMetrics, text) = ScrapeTwice(source);

        openMetrics.Should().NotContain(name + " ").And.NotContain(name + "_total");
        text.Should().Contain("reason=\"invalid_name\"} 1");
    }

    public void Dispose()
    {
        _factory.Dispose();
        _logs.Dispose();
    }

    private static DelegateMetricsSource Gauges(string name, params (string[] Names, string[] Values, double Value)[] series) => new(visitor =>
    {
        visitor.BeginFamily(new MetricFamilyDescriptor(name, "", "", MetricType.Gauge));
        foreach (var (names, values, value) in series)
        {
            visitor.WriteGauge(new MetricLabels(names, values), value);
        }

        visitor.EndFamily();
    });

    private static string[] Lines(string text, string name) =>
        [.. text.Split('\n').Where(l => l.StartsWith(name + "{", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal))];

    /// <summary>Scrapes OpenMetrics, then text 0.0.4 (whose self-metrics include the first scrape's drops); both must be valid.</summary>
    private (string OpenMetrics, string Text) ScrapeTwice(IMetricsSource source)
    {
        using var scraper = new MetricsScraper([_factory, source]);
        var openMetrics = scraper.Scrape(ExpositionFormat.OpenMetrics);
        OpenMetricsStructure.Validate(openMetrics).Should().BeEmpty(openMetrics);
        var text = scraper.Scrape(ExpositionFormat.PrometheusText);
        return (openMetrics, text);
    }
}
