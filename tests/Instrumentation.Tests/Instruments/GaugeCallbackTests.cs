using System.Diagnostics;
using Instrumentation.Exposition;
using Instrumentation.Tests.TestSupport;
using Microsoft.Extensions.Logging;

namespace Instrumentation.Tests.Instruments;

public sealed class GaugeCallbackTests : IDisposable
{
    private static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(100);

    // Generous bound for one scrape on a busy machine: far below "hangs", far above the budget.
    private static readonly TimeSpan ScrapeBound = TimeSpan.FromSeconds(2);

    private readonly CapturingLoggerProvider _logs = new();
    private readonly MetricFactory _factory;
    private readonly MetricsScraper _scraper;
    private readonly ManualResetEventSlim _release = new();

    public GaugeCallbackTests()
    {
        _factory = new MetricFactory(new MetricFactoryOptions
        {
            TimeProvider = new ManualTimeProvider(),
            LoggerFactory = _logs.AsLoggerFactory(),
            MeterName = "Instrumentation.Tests.Callbacks",
            Exemplars = false,
            CallbackTimeout = Budget,
        });
        _scraper = new MetricsScraper([_factory]);
    }

    public void Dispose()
    {
        // Frees any pool thread a test left blocked in a callback.
        _release.Set();
        _scraper.Dispose();
        _factory.Dispose();
        _release.Dispose();
    }

    [Fact]
    public async Task ThrowingCallback_IsLeftOut_OtherSeriesServed_EveryFailureCounted_LoggedOnce()
    {
        _factory.CreateGauge("broken", "Broken").SetCallback(() => throw new InvalidOperationException("database gone"));
        _factory.CreateGauge("fine", "Fine").Set(3);

        var first = await ScrapeAsync();
        await ScrapeAsync();
        var third = await ScrapeAsync();

        first.Named("broken").Should().BeEmpty("a failing callback leaves its series out, which Prometheus marks stale");
        third.Named("broken").Should().BeEmpty();
        third.Named("fine").Single().Value.Should().Be(3);
        third.Named("metrics_callback_errors_total").Single().Should().Match<ParsedSample>(s => s.Label("metric") == "broken" && s.Value == 3);
        var warnings = WarningsAbout("broken");
        warnings.Should().ContainSingle("the failure is logged once until the metric recovers");
        warnings[0].Exception.Should().BeOfType<InvalidOperationException>().Which.Message.Should().Be("database gone");
    }

    [Fact]
    public async Task HangingCallback_ScrapeReturnsWithinTheBudget_SeriesLeftOut_OthersIntact_TimeoutCounted()
    {
        _factory.CreateGauge("stuck", "Stuck").SetCallback(() =>
        {
            _release.Wait();
            return 1;
        });
        _factory.CreateGauge("fine", "Fine").Set(3);
        _factory.CreateCounter("other", "Other").Inc(2);

        var watch = Stopwatch.StartNew();
        var first = await ScrapeAsync();
        watch.Stop();
        var second = await ScrapeAsync();

        watch.Elapsed.Should().BeGreaterThanOrEqualTo(Budget - TimeSpan.FromMilliseconds(20), "the scrape waits for the callback up to its budget")
            .And.BeLessThan(ScrapeBound);
        first.Named("stuck").Should().BeEmpty();
        first.Named("fine").Single().Value.Should().Be(3);
        first.Named("other_total").Single().Value.Should().Be(2);
        second.Named("metrics_callback_timeouts_total").Single().Should().Match<ParsedSample>(s => s.Label("metric") == "stuck" && s.Value == 1);
        var warning = WarningsAbout("stuck").Should().ContainSingle().Subject;
        warning.Message.Should().Contain("did not return within");
    }

    [Fact]
    public async Task StuckCallback_IsNotStartedAgainByLaterScrapes_AndReportsAgainOnceReleased()
    {
        var calls = 0;
        _factory.CreateGauge("stuck", "Stuck").SetCallback(() =>
        {
            Interlocked.Increment(ref calls);
            _release.Wait();
            return 42;
        });

        await ScrapeAsync();
        var whileStuck = await ScrapeAsync();

        Volatile.Read(ref calls).Should().Be(1, "no second call starts while the first is still running");
        whileStuck.Named("stuck").Should().BeEmpty();
        whileStuck.Named("metrics_callback_timeouts_total").Single().Value.Should().Be(1, "the second scrape had only the first one's timeout to show");

        _release.Set();
        var recovered = await ScrapeUntilAsync(p => p.Named("stuck").Any());

        recovered.Named("stuck").Single().Value.Should().Be(42);
        Volatile.Read(ref calls).Should().Be(2, "a skipped scrape starts no call; the first scrape after the stuck call ends starts a fresh one");
        recovered.Named("metrics_callback_timeouts_total").Single().Value.Should().BeGreaterThanOrEqualTo(2);
        _logs.Entries.Should().Contain(e => e.Level == LogLevel.Information && e.Message.Contains("'stuck'", StringComparison.Ordinal));
        WarningsAbout("stuck").Should().ContainSingle();
    }

    [Fact]
    public async Task FailureAfterRecovery_IsLoggedAgain()
    {
        var fail = true;
        _factory.CreateGauge("flaky", "Flaky").SetCallback(() => Volatile.Read(ref fail) ? throw new InvalidOperationException("down") : 5);

        await ScrapeAsync();
        Volatile.Write(ref fail, false);
        var healthy = await ScrapeAsync();
        Volatile.Write(ref fail, true);
        await ScrapeAsync();

        healthy.Named("flaky").Single().Value.Should().Be(5);
        WarningsAbout("flaky").Should().HaveCount(2);
    }

    [Fact]
    public async Task FailingSeriesOfOneMetric_AreLoggedOnceForTheMetric_HealthySeriesStillServed()
    {
        var gauge = _factory.CreateGauge("queue_depth", "Depth", ["queue"]);
        gauge.WithLabels("a").SetCallback(() => throw new InvalidOperationException("a gone"));
        gauge.WithLabels("b").SetCallback(() => throw new InvalidOperationException("b gone"));
        gauge.WithLabels("c").SetCallback(() => 7);

        var parsed = await ScrapeAsync();

        parsed.Named("queue_depth").Should().ContainSingle().Which.Should().Match<ParsedSample>(s => s.Label("queue") == "c" && s.Value == 7);
        (await ScrapeAsync()).Named("metrics_callback_errors_total").Single().Value.Should().Be(2, "the counter is read before the gauge, so it shows the first scrape's two failures");
        WarningsAbout("queue_depth").Should().ContainSingle();
    }

    [Fact]
    public async Task Value_OfAHangingCallback_ReadsNaNWithinTheBudget()
    {
        var gauge = _factory.CreateGauge("stuck", "Stuck");
        gauge.SetCallback(() =>
        {
            _release.Wait();
            return 1;
        });

        var value = await Task.Run(() => gauge.Value).WaitAsync(ScrapeBound);

        value.Should().Be(double.NaN, "reading the value of a hanging callback gives up after the budget");
    }

    [Fact]
    public async Task RemovingAFailingCallback_ServesTheStoredValueAgain()
    {
        var gauge = _factory.CreateGauge("broken", "Broken");
        gauge.SetCallback(() => throw new InvalidOperationException("gone"));
        await ScrapeAsync();

        gauge.SetCallback(null);
        gauge.Set(9);

        (await ScrapeAsync()).Named("broken").Single().Value.Should().Be(9);
    }

    [Fact]
    public void SlowCallbackWithinTheBudget_OnlyDelaysTheScrape_AndConcurrentScrapesStayComplete()
    {
        using var factory = new MetricFactory(new MetricFactoryOptions
        {
            TimeProvider = new ManualTimeProvider(),
            MeterName = "Instrumentation.Tests.SlowCallbacks",
            Exemplars = false,
            CallbackTimeout = TimeSpan.FromSeconds(5),
        });
        factory.CreateGauge("slow", "Slow").SetCallback(() =>
        {
            Thread.Sleep(60);
            return 7;
        });
        factory.CreateCounter("other", "Other").Inc(2);
        using var scraper = new MetricsScraper([factory]);
        var bodies = new string[3];
        var watch = Stopwatch.StartNew();

        Concurrently.Run(3, i => bodies[i] = scraper.Scrape(ExpositionFormat.OpenMetrics));

        watch.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(3 * 55), "scrapes collect one at a time");
        foreach (var body in bodies)
        {
            var parsed = ExpositionParser.Parse(body, ExpositionFormat.OpenMetrics);
            parsed.Named("slow").Single().Value.Should().Be(7);
            parsed.Named("other_total").Single().Value.Should().Be(2);
        }
    }

    [Fact]
    public void CallbackTimeout_ByDefault_Is250Milliseconds()
    {
        MetricFactoryOptions.DefaultCallbackTimeout.Should().Be(TimeSpan.FromMilliseconds(250));
        new MetricFactoryOptions().CallbackTimeout.Should().Be(TimeSpan.FromMilliseconds(250), "one slow callback must leave room for the rest of a short scrape");
    }

    [Fact]
    public async Task ScrapeWithATimeout_CallbackStillRunningAtItsEnd_IsLeftOut_OthersServed_TimeoutCounted()
    {
        using var factory = LongBudgetFactory();
        factory.CreateGauge("a_quick", "Quick").SetCallback(() => 1);
        factory.CreateGauge("b_stuck", "Stuck").SetCallback(() =>
        {
            _release.Wait();
            return 2;
        });
        factory.CreateGauge("c_plain", "Plain").Set(3);
        factory.CreateCounter("d_other", "Other").Inc(4);
        using var scraper = new MetricsScraper([factory]);

        // Without the timeout the stuck callback would hold the scrape for its whole 10 s budget.
        var first = await ScrapeAsync(scraper, TimeSpan.FromMilliseconds(200)).WaitAsync(ScrapeBound);
        var second = await ScrapeAsync(scraper, TimeSpan.Zero).WaitAsync(ScrapeBound);

        first.Named("a_quick").Single().Value.Should().Be(1, "a callback read before the deadline is served as usual");
        first.Named("b_stuck").Should().BeEmpty();
        first.Named("c_plain").Single().Value.Should().Be(3);
        first.Named("d_other_total").Single().Value.Should().Be(4);
        second.Named("metrics_callback_timeouts_total").Should().Contain(s => s.Label("metric") == "b_stuck" && s.Value >= 1);
        var warning = WarningsAbout("b_stuck").Should().ContainSingle().Subject;
        warning.Message.Should().Contain("did not return within").And.NotContain("00:00:10", "the warning names the time the callback had, not the longer budget");
    }

    [Fact]
    public async Task ScrapeWithZeroTimeout_StartsNoCallback_LeavesTheirSeriesOut_AndTheNextScrapeReadsThemAgain()
    {
        using var factory = LongBudgetFactory();
        var calls = 0;
        factory.CreateGauge("counted", "Counted").SetCallback(() => Interlocked.Increment(ref calls));
        factory.CreateGauge("plain", "Plain").Set(3);
        using var scraper = new MetricsScraper([factory]);

        var late = await ScrapeAsync(scraper, TimeSpan.Zero);

        late.Named("counted").Should().BeEmpty("the deadline had passed before the callback's turn");
        late.Named("plain").Single().Value.Should().Be(3);
        Volatile.Read(ref calls).Should().Be(0, "a callback whose value can no longer be used is not started");

        var next = ExpositionParser.Parse(scraper.Scrape(ExpositionFormat.PrometheusText), ExpositionFormat.PrometheusText);

        next.Named("counted").Single().Value.Should().Be(1);
        next.Named("metrics_callback_timeouts_total").Single().Should().Match<ParsedSample>(s => s.Label("metric") == "counted" && s.Value == 1);
    }

    [Fact]
    public async Task ScrapeWithATimeout_BoundsAllCallbacksTogether_NotEachOne()
    {
        using var factory = LongBudgetFactory();
        var gauge = factory.CreateGauge("stuck", "Stuck", ["n"]);
        for (var i = 0; i < 8; i++)
        {
            gauge.WithLabels(i.ToString(System.Globalization.CultureInfo.InvariantCulture)).SetCallback(() =>
            {
                _release.Wait();
                return 1;
            });
        }

        using var scraper = new MetricsScraper([factory]);
        var watch = Stopwatch.StartNew();

        var parsed = await ScrapeAsync(scraper, TimeSpan.FromMilliseconds(300)).WaitAsync(ScrapeBound);

        watch.Stop();
        parsed.Named("stuck").Should().BeEmpty();

        // A sanity bound, not a speed judgement: eight separate 300 ms waits would take 2.4 s.
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2), "once the scrape's time is up, the remaining callbacks are not waited for");
    }

    /// <summary>Scrapes on the pool, failing (instead of hanging) when it takes longer than <see cref="ScrapeBound"/>.</summary>
    private async Task<ParsedExposition> ScrapeAsync()
    {
        var body = await Task.Run(() => _scraper.Scrape(ExpositionFormat.PrometheusText)).WaitAsync(ScrapeBound);
        return ExpositionParser.Parse(body, ExpositionFormat.PrometheusText);
    }

    private static async Task<ParsedExposition> ScrapeAsync(MetricsScraper scraper, TimeSpan callbackTimeout)
    {
        using var body = new MemoryStream();
        await Task.Run(async () => await scraper.WriteAsync(body, ExpositionFormat.PrometheusText, callbackTimeout));
        return ExpositionParser.Parse(System.Text.Encoding.UTF8.GetString(body.ToArray()), ExpositionFormat.PrometheusText);
    }

    /// <summary>A factory whose callbacks may take 10 s each, far longer than any scrape timeout in these tests.</summary>
    private MetricFactory LongBudgetFactory() => new(new MetricFactoryOptions
    {
        TimeProvider = new ManualTimeProvider(),
        LoggerFactory = _logs.AsLoggerFactory(),
        MeterName = TestFactory.NewMeterName(),
        Exemplars = false,
        CallbackTimeout = TimeSpan.FromSeconds(10),
    });

    private async Task<ParsedExposition> ScrapeUntilAsync(Func<ParsedExposition, bool> done)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var parsed = await ScrapeAsync();
            if (done(parsed) || deadline.Elapsed > ScrapeBound)
            {
                return parsed;
            }

            await Task.Delay(10);
        }
    }

    private List<CapturingLoggerProvider.LogEntry> WarningsAbout(string metric) =>
        [.. _logs.Entries.Where(e => e.Level == LogLevel.Warning && e.Message.Contains($"'{metric}'", StringComparison.Ordinal))];
}
