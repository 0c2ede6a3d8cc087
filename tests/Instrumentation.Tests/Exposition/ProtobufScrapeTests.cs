using System.Globalization;
using Instrumentation.Collection;
using Instrumentation.Exposition;
using Instrumentation.Testing;
using Instrumentation.Tests.TestSupport;
using Instrumentation.TestSupport.PrometheusProtobuf;

namespace Instrumentation.Tests.Exposition;

/// <summary><see cref="MetricsScraper"/> serving the protobuf format: limits, drops and reuse as for the text formats.</summary>
public class ProtobufScrapeTests
{
    [Fact]
    public async Task WriteAsync_Protobuf_WritesEveryFamilyOfEverySource()
    {
        using var factory = TestFactory.Create(new ManualTimeProvider());
        factory.CreateCounter("a_total", "A.").Inc();
        using var scraper = new MetricsScraper([factory, DelegateMetricsSource.Summary()]);

        var families = await DecodeAsync(scraper);

        families.Select(f => f.Name).Should().Equal("a_total", "rpc_duration_seconds");
    }

    [Fact]
    public async Task WriteAsync_Twice_WritesTheSameBody()
    {
        using var factory = TestFactory.Create(new ManualTimeProvider());
        ExpositionSamples.PopulateEveryType(factory);
        using var scraper = new MetricsScraper([factory]);

        var first = await BytesAsync(scraper);
        var second = await BytesAsync(scraper);

        second.Should().Equal(first);
    }

    [Fact]
    public void Scrape_Protobuf_ThrowsSayingToUseWriteAsync()
    {
        using var scraper = new MetricsScraper([]);

        var scrape = () => scraper.Scrape(ExpositionFormat.PrometheusProtobuf);

        scrape.Should().Throw<ArgumentException>().WithMessage("*binary*WriteAsync*");
    }

    [Fact]
    public void ExpositionOf_Protobuf_ThrowsSayingWhy()
    {
        using var factory = TestFactory.Create(new ManualTimeProvider());

        var render = () => factory.ExpositionOf(ExpositionFormat.PrometheusProtobuf);

        render.Should().Throw<ArgumentException>().WithMessage("*binary*");
    }

    [Fact]
    public async Task WriteAsync_OneFamilyPastTheLimit_ThrowsAndWritesNothing()
    {
        using var factory = TestFactory.Create(new ManualTimeProvider(), exemplars: false);
        var counter = factory.CreateCounter("big", "Big", ["id", "padding"]);
        for (var i = 0; i < 2_000; i++)
        {
            counter.WithLabels(i.ToString(CultureInfo.InvariantCulture), new string('p', 1_000)).Inc();
        }

        using var scraper = new MetricsScraper([factory], maxScrapeBytes: 64 * 1024);
        using var body = new MemoryStream();
        var before = GC.GetAllocatedBytesForCurrentThread();

        var scrape = async () => await scraper.WriteAsync(body, ExpositionFormat.PrometheusProtobuf);

        (await scrape.Should().ThrowAsync<ExpositionTooLargeException>()).Which.MaxBytes.Should().Be(64 * 1024);
        body.Length.Should().Be(0);
        (GC.GetAllocatedBytesForCurrentThread() - before).Should().BeLessThan(1024 * 1024, "the family being encoded stops growing at the limit");
    }

    [Fact]
    public async Task WriteAsync_AfterATooLargeOne_Succeeds()
    {
        var size = 100;
        var source = new DelegateMetricsSource(visitor =>
        {
            visitor.BeginFamily(new MetricFamilyDescriptor("g", "G", "", MetricType.Gauge));
            visitor.WriteGauge(new MetricLabels(["v"], [new string('x', size)]), 1);
            visitor.EndFamily();
        });
        using var scraper = new MetricsScraper([source], maxScrapeBytes: 4096);
        size = 10_000;
        await scraper.Invoking(s => s.WriteAsync(Stream.Null, ExpositionFormat.PrometheusProtobuf).AsTask()).Should().ThrowAsync<ExpositionTooLargeException>();
        size = 100;

        var families = await DecodeAsync(scraper);

        families.Single().Metrics.Single().Label("v").Should().HaveLength(100);
    }

    [Fact]
    public async Task WriteAsync_InvalidSeriesAndCollidingFamilies_AreLeftOutAsInText()
    {
        var source = new DelegateMetricsSource(visitor =>
        {
            visitor.BeginFamily(new MetricFamilyDescriptor("jobs", "Jobs.", "", MetricType.Counter));
            visitor.WriteCounter(new MetricLabels(["k"], ["ok"]), 1, 0, null);
            visitor.WriteCounter(new MetricLabels(["k"], ["negative"]), -1, 0, null);
            visitor.WriteCounter(new MetricLabels(["k"], ["nan"]), double.NaN, 0, null);
            visitor.WriteCounter(new MetricLabels(["__k"], ["reserved"]), 1, 0, null);
            visitor.EndFamily();
            visitor.BeginFamily(new MetricFamilyDescriptor("jobs_total", "Collides with the counter's series.", "", MetricType.Gauge));
            visitor.WriteGauge(new MetricLabels([], []), 1);
            visitor.EndFamily();
            visitor.BeginFamily(new MetricFamilyDescriptor("latency", "Latency.", "", MetricType.Histogram));
            visitor.WriteHistogram(new MetricLabels(["le"], ["x"]), new HistogramPoint([1], [0, 0], 0, 0, []));
            visitor.WriteHistogram(new MetricLabels([], []), new HistogramPoint([1], [2, 1], 0, 0, []));
            visitor.WriteHistogram(new MetricLabels(["k"], ["ok"]), new HistogramPoint([1], [1, 2], 3, 0, []));
            visitor.EndFamily();
            visitor.BeginFamily(new MetricFamilyDescriptor("9bad", "Bad name.", "", MetricType.Gauge));
            visitor.WriteGauge(new MetricLabels([], []), 1);
            visitor.EndFamily();
        });
        using var scraper = new MetricsScraper([source]);

        var families = await DecodeAsync(scraper);

        ProtobufStructure.Validate(families).Should().BeEmpty();
        families.Select(f => f.Name).Should().Equal("jobs_total", "latency");
        families[0].Metrics.Should().ContainSingle().Which.Label("k").Should().Be("ok");
        families[1].Metrics.Should().ContainSingle().Which.Label("k").Should().Be("ok");
        ProtobufStructure.SeriesOf(families).Should().BeEquivalentTo(
            ProtobufStructure.SeriesOf(ExpositionParser.Parse(scraper.Scrape(ExpositionFormat.PrometheusText), ExpositionFormat.PrometheusText)));
    }

    private static async Task<byte[]> BytesAsync(MetricsScraper scraper)
    {
        using var stream = new MemoryStream();
        await scraper.WriteAsync(stream, ExpositionFormat.PrometheusProtobuf);
        return stream.ToArray();
    }

    private static async Task<IReadOnlyList<DecodedFamily>> DecodeAsync(MetricsScraper scraper) =>
        PrometheusProtobufDecoder.Decode(await BytesAsync(scraper));
}
