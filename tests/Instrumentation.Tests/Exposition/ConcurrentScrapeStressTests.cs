using Instrumentation.Exposition;
using Instrumentation.Tests.TestSupport;

namespace Instrumentation.Tests.Exposition;

/// <summary>
/// Writers and scrapers at once, with fixed counts: totals end exact and every scrape, parsed back, is
/// consistent on its own and with the scrape before it.
/// </summary>
public class ConcurrentScrapeStressTests
{
    private const int Writers = 3;
    private const int OperationsPerWriter = 40_000;

    [Fact]
    public void WritersAndScrapers_AtOnce_GiveExactTotalsAndConsistentScrapes()
    {
        using var factory = TestFactory.Create(new ManualTimeProvider());
        var counter = factory.CreateCounter("ops", "Operations", ["writer"]);
        var histogram = factory.CreateHistogram("size", "Size", ["kind"], buckets: [1, 1.25, 1.5, 1.75]);
        var summary = factory.CreateSummary("latency", "Latency", ["kind"]);
        counter.WithLabels("shared");
        histogram.WithLabels("k");
        summary.WithLabels("k");
        using var scraper = new MetricsScraper([factory]);
        var done = 0;
        var scrapes = new int[2];

        Concurrently.Run(
            [
                .. Enumerable.Range(0, Writers).Select(w => (Action)(() =>
                {
                    var mine = counter.WithLabels("w" + w);
                    for (var i = 0; i < OperationsPerWriter; i++)
                    {
                        mine.Inc();
                        counter.WithLabels("shared").Inc();
                        var value = 1 + (i % 5 * 0.25); // 1, 1.25, ... 2: sums stay exact in binary
                        histogram.WithLabels("k").Observe(value);
                        summary.WithLabels("k").Observe(value);
                    }

                    Interlocked.Increment(ref done);
                })),
                () => scrapes[0] = ScrapeUntil(scraper, ExpositionFormat.OpenMetrics, () => Volatile.Read(ref done) == Writers),
                () => scrapes[1] = ScrapeUntil(scraper, ExpositionFormat.PrometheusText, () => Volatile.Read(ref done) == Writers),
            ]);

        var final = ExpositionParser.Parse(scraper.Scrape(ExpositionFormat.OpenMetrics), ExpositionFormat.OpenMetrics);
        const int total = Writers * OperationsPerWriter;
        const double sum = Writers * (OperationsPerWriter / 5) * (1 + 1.25 + 1.5 + 1.75 + 2);
        final.Named("ops_total").Single(s => s.Label("writer") == "shared").Value.Should().Be(total);
        final.Named("ops_total").Where(s => s.Label("writer") != "shared").Should().OnlyContain(s => s.Value == OperationsPerWriter);
        final.Named("size_count").Single().Value.Should().Be(total);
        final.Named("size_sum").Single().Value.Should().Be(sum);
        final.Named("size_bucket").Select(s => s.Value).Should().Equal(total / 5, 2 * total / 5, 3 * total / 5, 4 * total / 5, total);
        final.Named("latency_count").Single().Value.Should().Be(total);
        final.Named("latency_sum").Single().Value.Should().Be(sum);
        scrapes.Should().OnlyContain(n => n >= 3, "each scraper must have scraped while the writers ran");
    }

    [Fact]
    public void Registration_OfTheSameMetricFromManyThreads_YieldsOneInstrument()
    {
        using var factory = TestFactory.Create(new ManualTimeProvider());
        var created = new Instrumentation.Instruments.Counter[8];

        Concurrently.Run(created.Length, i => created[i] = factory.CreateCounter("same", "Same", ["a"]));

        created.Distinct().Should().ContainSingle();
        factory.Families.Should().ContainSingle();
    }

    /// <summary>Scrapes and checks each body until <paramref name="stop"/> holds (at least 3 times); returns how many.</summary>
    private static int ScrapeUntil(MetricsScraper scraper, ExpositionFormat format, Func<bool> stop)
    {
        var last = new Dictionary<string, double>(StringComparer.Ordinal);
        var count = 0;
        while (!stop() || count < 3)
        {
            var body = scraper.Scrape(format);
            body.Should().Contain("ops_total{writer=\"shared\"}", "a scrape is never empty or partial");
            CheckConsistent(ExpositionParser.Parse(body, format), last);
            count++;
        }

        return count;
    }

    private static void CheckConsistent(ParsedExposition scrape, Dictionary<string, double> last)
    {
        foreach (var sample in scrape.Samples.Where(s => s.Name is "ops_total" or "size_count" or "latency_count" or "size_bucket"))
        {
            var key = sample.Name + string.Join(",", sample.Labels);
            if (last.TryGetValue(key, out var previous))
            {
                sample.Value.Should().BeGreaterThanOrEqualTo(previous, $"{key} must never decrease between scrapes");
            }

            last[key] = sample.Value;
        }

        var buckets = scrape.Named("size_bucket").ToList();
        if (buckets.Count > 0)
        {
            buckets.Select(b => b.Value).Should().BeInAscendingOrder("histogram buckets are cumulative");
            buckets[^1].Label("le").Should().Be("+Inf");
            var count = scrape.Named("size_count").Single().Value;
            buckets[^1].Value.Should().Be(count, "le=\"+Inf\" equals _count");
            scrape.Named("size_sum").Single().Value.Should().BeGreaterThanOrEqualTo(count * 1, "every counted observation is >= 1 and already in _sum");
        }

        var summaryCount = scrape.Named("latency_count").SingleOrDefault()?.Value ?? 0;
        (scrape.Named("latency_sum").SingleOrDefault()?.Value ?? 0).Should().BeGreaterThanOrEqualTo(summaryCount * 1);
        foreach (var quantile in scrape.Named("latency").Where(q => !double.IsNaN(q.Value)))
        {
            // NaN until the window holds observations; after that, within the observed values.
            quantile.Value.Should().BeInRange(1, 2, "a quantile lies within the observed values");
        }
    }
}
