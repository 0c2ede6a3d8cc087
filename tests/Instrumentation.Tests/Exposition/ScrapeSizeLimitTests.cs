using System.Globalization;
using Instrumentation.Exposition;
using Instrumentation.Tests.TestSupport;

namespace Instrumentation.Tests.Exposition;

public class ScrapeSizeLimitTests
{
    [Fact]
    public async Task WriteAsync_OfAnExpositionPastTheLimit_ThrowsAndWritesNothing()
    {
        using var factory = HugeFactory(series: 5_000);
        using var scraper = new MetricsScraper([factory], maxScrapeBytes: 64 * 1024);
        using var body = new MemoryStream();

        var scrape = async () => await scraper.WriteAsync(body, ExpositionFormat.OpenMetrics);

        (await scrape.Should().ThrowAsync<ExpositionTooLargeException>())
            .Which.Message.Should().Contain("65536 bytes").And.Contain("MaxScrapeBytes");
        body.Length.Should().Be(0);
    }

    [Fact]
    public void Scrape_PastTheLimit_NeverHoldsMuchMoreThanTheLimit()
    {
        // A registry whose full exposition would be about 40 MB: the scrape gives up at 1 MB.
        using var factory = HugeFactory(series: 2_000, labelLength: 20_000);
        using var scraper = new MetricsScraper([factory], maxScrapeBytes: 1024 * 1024);
        var before = GC.GetAllocatedBytesForCurrentThread();

        var scrape = () => scraper.Scrape(ExpositionFormat.PrometheusText);

        scrape.Should().Throw<ExpositionTooLargeException>().Which.MaxBytes.Should().Be(1024 * 1024);
        (GC.GetAllocatedBytesForCurrentThread() - before).Should().BeLessThan(8 * 1024 * 1024);
    }

    [Fact]
    public void Scrape_AfterATooLargeOne_SucceedsOnceTheRegistryShrinks()
    {
        using var small = TestFactory.Create(new ManualTimeProvider());
        var gauge = small.CreateGauge("g", "G", ["id"], limits: new SeriesLimits { IdleTimeout = TimeSpan.FromMinutes(1) });
        for (var i = 0; i < 200; i++)
        {
            gauge.WithLabels(new string('x', 100) + i.ToString(CultureInfo.InvariantCulture)).Set(i);
        }

        using var scraper = new MetricsScraper([small], maxScrapeBytes: 4096);
        scraper.Invoking(s => s.Scrape(ExpositionFormat.PrometheusText)).Should().Throw<ExpositionTooLargeException>();
        ((ManualTimeProvider)small.Options.TimeProvider).Advance(TimeSpan.FromMinutes(1));
        gauge.WithLabels("fresh").Set(1);

        scraper.Scrape(ExpositionFormat.PrometheusText).Should().Contain("g{id=\"fresh\"} 1");
    }

    [Fact]
    public void Scrape_UnderTheDefaultLimit_Succeeds()
    {
        using var factory = HugeFactory(series: 2_000);
        using var scraper = new MetricsScraper([factory]);

        scraper.Scrape(ExpositionFormat.PrometheusText).Should().Contain("big_total{id=\"1999\",padding=\"\"} 1");
    }

    [Fact]
    public void Constructor_WithATinyLimit_Throws()
    {
        var create = () => new MetricsScraper([], maxScrapeBytes: 100);

        create.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*maxScrapeBytes*");
    }

    private static MetricFactory HugeFactory(int series, int labelLength = 0)
    {
        var factory = TestFactory.Create(new ManualTimeProvider(), exemplars: false);
        var counter = factory.CreateCounter("big", "Big", ["id", "padding"]);
        var padding = new string('p', labelLength);
        for (var i = 0; i < series; i++)
        {
            counter.WithLabels(i.ToString(CultureInfo.InvariantCulture), padding).Inc();
        }

        return factory;
    }
}
