using System.Diagnostics.Metrics;
using System.Text.RegularExpressions;
using Instrumentation.Collection;
using Instrumentation.Exposition;
using Instrumentation.Instruments;
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

    [Theory]
    [InlineData(3, 3, new[] { 1, 1.1, 2, 3, 0.25, 0, 100 })]
    [InlineData(20, 8, new[] { 1, 1.001, 1.01, 1.1, 0 })] // 1 to 1.1 fits 160 buckets at scale 10: brought down to 8
    public void Collect_ExponentialHistogramStream_IsANativeHistogramWithScaleAsSchema(int maxScale, int schema, double[] values)
    {
        // OpenTelemetry's scale is the schema; a scale above 8 (the SDK allows up to 20) is brought down to 8.
        using var setup = ExponentialHistogram(maxScale);
        foreach (var value in values)
        {
            setup.Histogram.Record(value);
        }

        var visitor = new DropRecordingVisitor();
        setup.Exporter.CollectInto(visitor);

        visitor.Drops.Should().BeEmpty();
        var series = visitor.Families.Should().ContainSingle().Subject.Series.Should().ContainSingle().Subject;
        series.Count.Should().Be(values.Length);
        series.Sum.Should().Be(values.Sum());
        series.UpperBounds.Should().BeEmpty();
        var native = series.Native!;
        native.Schema.Should().Be(schema);
        native.ZeroCount.Should().Be(1);
        native.Positive.Should().BeEquivalentTo(values.Where(v => v > 0).GroupBy(v => NativeBucketIndex.Of(v, schema)).ToDictionary(g => g.Key, g => (long)g.Count()));
    }

    [Fact]
    public void Scrape_ExponentialHistogramStream_TextFormatsShowCountAndSum()
    {
        using var setup = ExponentialHistogram(3);
        setup.Histogram.Record(2);
        setup.Histogram.Record(5);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        var writer = ExpositionWriter.Create(ExpositionFormat.PrometheusText, buffer);

        setup.Exporter.CollectInto(writer);
        writer.Complete();

        var text = System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
        text.Should().Contain("edge_expo_bucket{le=\"+Inf\"} 2").And.Contain("edge_expo_sum 7").And.Contain("edge_expo_count 2");
    }

    private static ExponentialSetup ExponentialHistogram(int maxScale)
    {
        // Our own provider never asks for exponential histograms; an application's views can (issue 16), so the
        // writer is driven here through a provider with such a view.
        var meterName = UniqueMeterName();
        var meter = new Meter(meterName);
        var exporter = new VisitorExporter();
        var reader = new BaseExportingMetricReader(exporter) { TemporalityPreference = MetricReaderTemporalityPreference.Cumulative };
        var provider = global::OpenTelemetry.Sdk.CreateMeterProviderBuilder()
            .AddMeter(meterName)
            .AddView("edge.expo", new Base2ExponentialBucketHistogramConfiguration { MaxScale = maxScale })
            .AddReader(reader)
            .Build();
        return new ExponentialSetup(meter, provider, exporter, meter.CreateHistogram<double>("edge.expo"));
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

    private sealed record ExponentialSetup(Meter Meter, MeterProvider Provider, VisitorExporter Exporter, Histogram<double> Histogram) : IDisposable
    {
        public void Dispose()
        {
            Provider.Dispose();
            Meter.Dispose();
        }
    }
}

/// <summary>Records families and the drops a source reports.</summary>
internal sealed class DropRecordingVisitor : RecordingVisitor, IDroppedSeriesReceiver
{
    public List<(string Metric, DropReason Reason, int Series)> Drops { get; } = [];

    public void SeriesDropped(string metric, DropReason reason, int series, string detail) => Drops.Add((metric, reason, series));

}
