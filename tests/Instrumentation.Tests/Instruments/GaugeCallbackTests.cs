using System.Diagnostics;
using Instrumentation.Exposition;
using Instrumentation.Tests.TestSupport;
using Microsoft.Extensions.Logging;

namespace Instrumentation.Tests.Instruments;

public class GaugeCallbackTests
{
    [Fact]
    public void ThrowingCallback_ReadsNaN_IsCountedAndLogged()
    {
        var logs = new RecordingLoggerFactory();
        using var factory = new MetricFactory(new MetricFactoryOptions { TimeProvider = new ManualTimeProvider(), LoggerFactory = logs, MeterName = "Instrumentation.Tests.Callbacks" });
        var broken = factory.CreateGauge("broken", "Broken");
        broken.SetCallback(() => throw new InvalidOperationException("database gone"));
        factory.CreateGauge("fine", "Fine").Set(3);
        using var scraper = new MetricsScraper([factory]);

        var first = scraper.Scrape(ExpositionFormat.PrometheusText);
        var second = ExpositionParser.Parse(scraper.Scrape(ExpositionFormat.PrometheusText), ExpositionFormat.PrometheusText);

        first.Should().Contain("broken NaN").And.Contain("fine 3");
        second.Named("metrics_callback_errors_total").Single().Should().Match<ParsedSample>(s => s.Label("metric") == "broken" && s.Value >= 1);
        var warning = logs.Entries.First(e => e.Level == LogLevel.Warning && e.Message.Contains("'broken'", StringComparison.Ordinal));
        warning.Exception.Should().BeOfType<InvalidOperationException>().Which.Message.Should().Be("database gone");
    }

    [Fact]
    public void SlowCallback_OnlyDelaysTheScrape_AndConcurrentScrapesStayComplete()
    {
        using var factory = TestFactories.Create(exemplars: false);
        var slow = factory.CreateGauge("slow", "Slow");
        slow.SetCallback(() =>
        {
            Thread.Sleep(200);
            return 7;
        });
        factory.CreateCounter("other", "Other").Inc(2);
        using var scraper = new MetricsScraper([factory]);
        var bodies = new string[3];
        var watch = Stopwatch.StartNew();

        Concurrently.Run(3, i => bodies[i] = scraper.Scrape(ExpositionFormat.OpenMetrics));

        watch.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(3 * 190), "scrapes collect one at a time");
        foreach (var body in bodies)
        {
            var parsed = ExpositionParser.Parse(body, ExpositionFormat.OpenMetrics);
            parsed.Named("slow").Single().Value.Should().Be(7);
            parsed.Named("other_total").Single().Value.Should().Be(2);
        }
    }
}
