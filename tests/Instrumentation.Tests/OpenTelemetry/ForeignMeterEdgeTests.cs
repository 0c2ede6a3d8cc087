using System.Diagnostics.Metrics;
using System.Text.RegularExpressions;
using Instrumentation.Collection;
using Instrumentation.Exposition;
using Instrumentation.OpenTelemetry;
using Instrumentation.Tests.TestSupport;
using OpenTelemetry.Metrics;
using static Instrumentation.Tests.OpenTelemetry.BridgeTestSupport;

namespace Instrumentation.Tests.OpenTelemetry;

/// <summary>
/// Foreign meters record whatever they like; each case here made /metrics unreadable or lost data silently
/// before (issue 13). Every scrape must stay valid, and whatever is left out must be counted and logged.
/// </summary>
public sealed class ForeignMeterEdgeTests : IDisposable
{
    private readonly string _meterName = UniqueMeterName();
    private readonly Meter _meter;
    private readonly CapturingLoggerProvider _logs = new();
    private readonly MetricFactory _factory;
    private readonly ForeignMeterSource _source;
    private readonly MetricsScraper _scraper;

    public ForeignMeterEdgeTests()
    {
        _meter = new Meter(_meterName);
        _factory = new MetricFactory(new MetricFactoryOptions { MeterName = TestFactory.NewMeterName(), LoggerFactory = _logs.AsLoggerFactory() });
        _source = Listen(_meterName, _meterName + ".*");
        _scraper = new MetricsScraper([_factory, _source]);
    }

    [Fact]
    public void Scrape_HistogramTagNamedLe_IsRenamedExportedLe()
    {
        _meter.CreateHistogram<double>("edge.duration", "s").Record(0.2, new KeyValuePair<string, object?>("le", "x"));

        var openMetrics = ScrapeValid(ExpositionFormat.OpenMetrics);

        openMetrics.Should().Contain("edge_duration_seconds_bucket{exported_le=\"x\",le=\"+Inf\"} 1");
        ScrapeValid(ExpositionFormat.PrometheusText).Should().Contain("edge_duration_seconds_bucket{exported_le=\"x\",le=\"+Inf\"} 1");
    }

    [Fact]
    public void Scrape_GaugeAndCounterTagsNamedLeOrQuantile_AreRenamedExported()
    {
        _meter.CreateObservableGauge("edge.level", () => new Measurement<double>(1, new KeyValuePair<string, object?>("quantile", "0.5")));
        _meter.CreateCounter<long>("edge.hits").Add(1, new KeyValuePair<string, object?>("le", "5"));

        ScrapeValid(ExpositionFormat.OpenMetrics).Should().Contain("edge_level{exported_quantile=\"0.5\"} 1\n")
            .And.Contain("edge_hits_total{exported_le=\"5\"} 1\n");
    }

    [Fact]
    public void Scrape_TagsThatDifferOnlyBeforeSanitizingInSeparatePoints_KeepsOneAndCountsTheOther()
    {
        var counter = _meter.CreateCounter<long>("edge.requests");
        counter.Add(1, new KeyValuePair<string, object?>("a.b", "v"));
        counter.Add(2, new KeyValuePair<string, object?>("a_b", "v"));

        ScrapeValid(ExpositionFormat.OpenMetrics).Should().Contain("edge_requests_total{a_b=\"v\"} 1\n");
        var text = ScrapeValid(ExpositionFormat.PrometheusText);

        Regex.Count(text, "^edge_requests_total", RegexOptions.Multiline).Should().Be(1);
        text.Should().Contain("metrics_series_dropped_total{metric=\"edge_requests\",reason=\"duplicate_labels\"} 1");
        _logs.Entries.Should().ContainSingle(e => e.EventId == 6 && e.Message.Contains("edge_requests", StringComparison.Ordinal) && e.Message.Contains("duplicate_labels", StringComparison.Ordinal),
            "the drop is logged once, however many scrapes see it");
    }

    [Fact]
    public void Scrape_TagsThatDifferOnlyBeforeSanitizingInOnePoint_AreJoinedIntoOneLabel()
    {
        _meter.CreateCounter<long>("edge.joined").Add(1, new KeyValuePair<string, object?>("a.b", "x"), new KeyValuePair<string, object?>("a_b", "y"));

        ScrapeValid(ExpositionFormat.OpenMetrics).Should().Contain("edge_joined_total{a_b=\"x;y\"} 1\n");
    }

    [Fact]
    public void Scrape_TwoMetersWithOneInstrumentName_KeepsBothApartByScopeName()
    {
        using var other = new Meter(_meterName + ".other");
        _meter.CreateCounter<long>("edge.shared").Add(1);
        other.CreateCounter<long>("edge.shared").Add(2);

        var text = ScrapeValid(ExpositionFormat.OpenMetrics);

        text.Should().Contain($"edge_shared_total{{otel_scope_name=\"{_meterName}\"}} 1\n")
            .And.Contain($"edge_shared_total{{otel_scope_name=\"{_meterName}.other\"}} 2\n");
    }

    [Fact]
    public void Scrape_TagNamedOtelScopeNameInAScopedFamily_IsRenamedExported()
    {
        using var other = new Meter(_meterName + ".other");
        _meter.CreateCounter<long>("edge.scoped").Add(1, new KeyValuePair<string, object?>("otel.scope.name", "mine"));
        other.CreateCounter<long>("edge.scoped").Add(2);

        ScrapeValid(ExpositionFormat.OpenMetrics).Should().Contain($"edge_scoped_total{{exported_otel_scope_name=\"mine\",otel_scope_name=\"{_meterName}\"}} 1\n");
    }

    [Theory]
    [InlineData(-5.0)]
    [InlineData(double.NaN)]
    public void Scrape_ForeignCounterWithAnInvalidTotal_LeavesTheSeriesOutAndCountsIt(double increment)
    {
        var counter = _meter.CreateCounter<double>("edge.bad");
        counter.Add(increment, new KeyValuePair<string, object?>("k", "bad"));
        counter.Add(3, new KeyValuePair<string, object?>("k", "good"));

        foreach (var format in new[] { ExpositionFormat.OpenMetrics, ExpositionFormat.PrometheusText })
        {
            var text = ScrapeValid(format);
            text.Should().Contain("edge_bad_total{k=\"good\"} 3").And.NotContain("k=\"bad\"");
        }

        ScrapeValid(ExpositionFormat.PrometheusText).Should().Contain("metrics_series_dropped_total{metric=\"edge_bad\",reason=\"invalid_value\"}");
    }

    [Fact]
    public void Scrape_ForeignHistogramWithANegativeSum_OpenMetricsLeavesOutSumAndCount()
    {
        var histogram = _meter.CreateHistogram<double>("edge.delta", "s");
        histogram.Record(-5);

        var openMetrics = ScrapeValid(ExpositionFormat.OpenMetrics);
        openMetrics.Should().Contain("edge_delta_seconds_bucket{le=\"+Inf\"} 1").And.NotContain("edge_delta_seconds_sum").And.NotContain("edge_delta_seconds_count");
        ScrapeValid(ExpositionFormat.PrometheusText).Should().Contain("edge_delta_seconds_sum -5", "text 0.0.4 allows a negative sum");
    }

    [Fact]
    public void Scrape_SameNameOfAnotherKind_IsLeftOutCountedAndLogged()
    {
        using var other = new Meter(_meterName + ".other");
        _meter.CreateCounter<long>("edge.clash").Add(1);
        other.CreateObservableGauge("edge.clash", () => 42.0);

        ScrapeValid(ExpositionFormat.OpenMetrics).Should().Contain("edge_clash_total 1").And.NotContain("edge_clash 42");

        ScrapeValid(ExpositionFormat.PrometheusText).Should().Contain("metrics_series_dropped_total{metric=\"edge_clash\",reason=\"type_conflict\"} ");
        _logs.Entries.Should().Contain(e => e.EventId == 6 && e.Message.Contains("type_conflict", StringComparison.Ordinal) && e.Message.Contains(_meterName + ".other", StringComparison.Ordinal));
    }

    [Fact]
    public void Scrape_ForeignFamilyWithTheNameOfOneOfOurs_IsLeftOutCountedAndLogged()
    {
        _factory.CreateGauge("edge_ours", "Ours.").Set(1);
        _meter.CreateCounter<long>("edge.ours").Add(7);

        ScrapeValid(ExpositionFormat.OpenMetrics).Should().Contain("edge_ours 1").And.NotContain("edge_ours_total");

        ScrapeValid(ExpositionFormat.PrometheusText).Should().Contain("metrics_series_dropped_total{metric=\"edge_ours\",reason=\"name_collision\"} ");
        _logs.Entries.Should().Contain(e => e.EventId == 6 && e.Message.Contains("name_collision", StringComparison.Ordinal));
    }

    [Fact]
    public void Collect_ExponentialHistogramStream_IsReportedAsUnsupported()
    {
        // Our own provider never asks for exponential histograms; an application's views can (issue 16), so the
        // writer is driven here through a provider with such a view.
        var meterName = UniqueMeterName();
        using var meter = new Meter(meterName);
        var exporter = new VisitorExporter();
        using var reader = new BaseExportingMetricReader(exporter) { TemporalityPreference = MetricReaderTemporalityPreference.Cumulative };
        using var provider = global::OpenTelemetry.Sdk.CreateMeterProviderBuilder()
            .AddMeter(meterName)
            .AddView("edge.expo", new Base2ExponentialBucketHistogramConfiguration())
            .AddReader(reader)
            .Build();
        meter.CreateHistogram<double>("edge.expo").Record(1);
        var visitor = new DropRecordingVisitor();

        exporter.CollectInto(visitor);

        visitor.Families.Should().BeEmpty();
        visitor.Drops.Should().ContainSingle().Which.Should().Be(("edge.expo", DropReason.UnsupportedType, 1));
    }

    public void Dispose()
    {
        _scraper.Dispose();
        _source.Dispose();
        _factory.Dispose();
        _meter.Dispose();
        _logs.Dispose();
    }

    private string ScrapeValid(ExpositionFormat format)
    {
        var text = _scraper.Scrape(format);
        var problems = format == ExpositionFormat.OpenMetrics ? OpenMetricsStructure.Validate(text) : [];
        problems.Should().BeEmpty("every scrape must stay valid:\n" + text);
        return text;
    }
}

/// <summary>Records families and the drops a source reports.</summary>
internal sealed class DropRecordingVisitor : RecordingVisitor, IDroppedSeriesReceiver
{
    public List<(string Metric, DropReason Reason, int Series)> Drops { get; } = [];

    public void SeriesDropped(string metric, DropReason reason, int series, string detail) => Drops.Add((metric, reason, series));
}
