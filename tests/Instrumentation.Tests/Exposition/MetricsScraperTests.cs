using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Instrumentation.Collection;
using Instrumentation.Exposition;
using Instrumentation.Tests.TestSupport;
using Xunit.Abstractions;

namespace Instrumentation.Tests.Exposition;

public partial class MetricsScraperTests(ITestOutputHelper output)
{
    [Fact]
    public void Scrape_SeveralSources_WritesThemInOrder()
    {
        using var first = TestFactory.Create(new ManualTimeProvider());
        using var second = TestFactory.Create(new ManualTimeProvider());
        first.CreateGauge("first_value", "First.").Set(1);
        second.CreateGauge("second_value", "Second.").Set(2);
        using var scraper = new MetricsScraper([first, second]);

        scraper.Scrape(ExpositionFormat.PrometheusText).Should().Be(
            """
            # HELP first_value First.
            # TYPE first_value gauge
            first_value 1
            # HELP second_value Second.
            # TYPE second_value gauge
            second_value 2

            """);
    }

    [Fact]
    public void Scrape_OpenMetrics_EndsWithEofOnce()
    {
        using var factory = TestFactory.Create(new ManualTimeProvider());
        factory.CreateGauge("value", "Value.").Set(1);
        using var scraper = new MetricsScraper([factory]);

        scraper.Scrape(ExpositionFormat.OpenMetrics);
        var text = scraper.Scrape(ExpositionFormat.OpenMetrics);

        text.Should().Be("# TYPE value gauge\n# HELP value Value.\nvalue 1\n# EOF\n");
    }

    [Fact]
    public void Scrape_SameFamilyInTwoSources_WritesTheFirstSourceOnlyAndCountsTheDrop()
    {
        using var first = TestFactory.Create(new ManualTimeProvider());
        using var second = TestFactory.Create(new ManualTimeProvider());
        first.CreateCounter("requests", "From the first.").Inc(1);
        second.CreateCounter("requests", "From the second.").Inc(50);
        second.CreateGauge("only_second", "Only here.").Set(3);
        using var scraper = new MetricsScraper([first, second]);

        scraper.Scrape(ExpositionFormat.PrometheusText).Should().Be(
            """
            # HELP requests_total From the first.
            # TYPE requests_total counter
            requests_total 1
            # HELP only_second Only here.
            # TYPE only_second gauge
            only_second 3

            """);

        // The first source is collected before the second reports its drop, so the count shows from the next scrape on.
        scraper.Scrape(ExpositionFormat.PrometheusText).Should().Be(
            """
            # HELP metrics_series_dropped_total Series left out of a collection (scrape or push) because the exposition cannot carry them; see the reason label and docs/limits.md.
            # TYPE metrics_series_dropped_total counter
            metrics_series_dropped_total{metric="requests",reason="name_collision"} 1
            # HELP requests_total From the first.
            # TYPE requests_total counter
            requests_total 1
            # HELP only_second Only here.
            # TYPE only_second gauge
            only_second 3

            """);
    }

    [Fact]
    public void Scrape_FamilyWhoseNameCollidesWithAnEarlierSeriesName_IsLeftOut()
    {
        using var ours = TestFactory.Create(new ManualTimeProvider());
        ours.CreateCounter("jobs", "Jobs.").Inc();
        var foreign = new DelegateMetricsSource(visitor =>
        {
            visitor.BeginFamily(new MetricFamilyDescriptor("jobs_total", "A gauge that would write jobs_total again.", "", MetricType.Gauge));
            visitor.WriteGauge(new MetricLabels([], []), 9);
            visitor.EndFamily();
            visitor.BeginFamily(new MetricFamilyDescriptor("jobs_created", "Would clash with the counter's _created.", "", MetricType.Gauge));
            visitor.WriteGauge(new MetricLabels([], []), 9);
            visitor.EndFamily();
        });
        using var scraper = new MetricsScraper([ours, foreign]);

        var text = scraper.Scrape(ExpositionFormat.OpenMetrics);

        text.Should().Be("# TYPE jobs counter\n# HELP jobs Jobs.\njobs_total 1\njobs_created 1700000000.123\n# EOF\n");
    }

    [Fact]
    public async Task WriteAsync_SourceThrows_WritesNothingAndTheNextScrapeIsWhole()
    {
        using var factory = TestFactory.Create(new ManualTimeProvider());
        factory.CreateGauge("healthy", "Healthy.").Set(1);
        var fail = true;
        var flaky = new DelegateMetricsSource(visitor =>
        {
            visitor.BeginFamily(new MetricFamilyDescriptor("flaky", "Flaky.", "", MetricType.Gauge));
            visitor.WriteGauge(new MetricLabels([], []), 2);
            if (fail)
            {
                throw new InvalidOperationException("collection failed");
            }

            visitor.EndFamily();
        });
        using var scraper = new MetricsScraper([factory, flaky]);
        using var failed = new MemoryStream();

        var act = async () => await scraper.WriteAsync(failed, ExpositionFormat.OpenMetrics);

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("collection failed");
        failed.Length.Should().Be(0);

        fail = false;
        using var whole = new MemoryStream();
        await scraper.WriteAsync(whole, ExpositionFormat.OpenMetrics);
        Encoding.UTF8.GetString(whole.ToArray()).Should().Be(
            "# TYPE healthy gauge\n# HELP healthy Healthy.\nhealthy 1\n# TYPE flaky gauge\n# HELP flaky Flaky.\nflaky 2\n# EOF\n");
    }

    [Fact]
    public async Task WriteAsync_CancelledBeforeStart_ThrowsAndWritesNothing()
    {
        using var factory = TestFactory.Create(new ManualTimeProvider());
        factory.CreateGauge("value", "Value.").Set(1);
        using var scraper = new MetricsScraper([factory]);
        using var destination = new MemoryStream();
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        var act = async () => await scraper.WriteAsync(destination, ExpositionFormat.PrometheusText, cancellation.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        destination.Length.Should().Be(0);
    }

    [Fact]
    public async Task WriteAsync_ManyConcurrentScrapes_EachGetsTheWholeBody()
    {
        using var factory = TestFactory.Create(new ManualTimeProvider());
        var counter = factory.CreateCounter("hits", "Hits.", ["page"]);
        for (var i = 0; i < 500; i++)
        {
            counter.WithLabels("page-" + i.ToString(CultureInfo.InvariantCulture)).Inc(i);
        }

        using var scraper = new MetricsScraper([factory]);
        var expectedText = scraper.Scrape(ExpositionFormat.PrometheusText);
        var expectedOpenMetrics = scraper.Scrape(ExpositionFormat.OpenMetrics);

        var bodies = await Task.WhenAll(Enumerable.Range(0, 32).Select(i => Task.Run(async () =>
        {
            var format = i % 2 == 0 ? ExpositionFormat.PrometheusText : ExpositionFormat.OpenMetrics;
            using var destination = new MemoryStream();
            await scraper.WriteAsync(destination, format);
            return (format, text: Encoding.UTF8.GetString(destination.ToArray()));
        })));

        foreach (var (format, text) in bodies)
        {
            text.Should().Be(format == ExpositionFormat.PrometheusText ? expectedText : expectedOpenMetrics);
        }
    }

    [Fact]
    public async Task WriteAsync_SlowClient_DoesNotHoldUpAnotherScrape()
    {
        using var factory = TestFactory.Create(new ManualTimeProvider());
        factory.CreateGauge("value", "Value.").Set(1);
        using var scraper = new MetricsScraper([factory]);
        var slow = new BlockingStream();

        var stalled = scraper.WriteAsync(slow, ExpositionFormat.PrometheusText).AsTask();
        await slow.WriteStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var quick = scraper.Scrape(ExpositionFormat.PrometheusText);
        slow.Release.SetResult();
        await stalled.WaitAsync(TimeSpan.FromSeconds(10));

        quick.Should().Be("# HELP value Value.\n# TYPE value gauge\nvalue 1\n");
        Encoding.UTF8.GetString(slow.Written.ToArray()).Should().Be(quick);
    }

    [Fact]
    public async Task WriteAsync_TenTimesTheSeries_AllocatesTheSame()
    {
        using var small = CounterSeries(1_000);
        using var large = CounterSeries(10_000);
        using var smallScraper = new MetricsScraper([small]);
        using var largeScraper = new MetricsScraper([large]);

        foreach (var format in new[] { ExpositionFormat.PrometheusText, ExpositionFormat.OpenMetrics, ExpositionFormat.PrometheusProtobuf })
        {
            var smallBytes = await AllocatedBySteadyScrapeAsync(smallScraper, format);
            var largeBytes = await AllocatedBySteadyScrapeAsync(largeScraper, format);
            output.WriteLine($"{format}: 1,000 series {smallBytes} B, 10,000 series {largeBytes} B allocated per scrape");

            Math.Abs(largeBytes - smallBytes).Should().BeLessThan(4 * 1024, "a scrape must allocate O(1), not per series");
        }
    }

    [Fact]
    public void Scrape_WhileFourThreadsObserve_InfBucketAlwaysEqualsCount()
    {
        using var factory = TestFactory.Create(new ManualTimeProvider(), exemplars: false);
        var histogram = factory.CreateHistogram("work_duration_seconds", "Work.", ["worker"], unit: "seconds");
        using var scraper = new MetricsScraper([factory]);
        const int ObservationsPerThread = 200_000;

        // Both series exist before the first scrape: a worker that had not started yet would leave it
        // with nothing to check.
        var children = new[] { histogram.WithLabels("even"), histogram.WithLabels("odd") };
        var workers = Enumerable.Range(0, 4).Select(w => new Thread(() =>
        {
            var child = children[w % 2];
            for (var i = 0; i < ObservationsPerThread; i++)
            {
                child.Observe((i % 40) * 0.3);
            }
        })).ToList();
        workers.ForEach(t => t.Start());

        var scrapes = 0;
        while (workers.Exists(t => t.IsAlive) || scrapes < 3)
        {
            var format = scrapes % 2 == 0 ? ExpositionFormat.PrometheusText : ExpositionFormat.OpenMetrics;
            AssertInfEqualsCount(scraper.Scrape(format));
            scrapes++;
        }

        workers.ForEach(t => t.Join());
        var final = scraper.Scrape(ExpositionFormat.PrometheusText);
        AssertInfEqualsCount(final);
        final.Should().Contain($"work_duration_seconds_count{{worker=\"even\"}} {2 * ObservationsPerThread}\n")
            .And.Contain($"work_duration_seconds_count{{worker=\"odd\"}} {2 * ObservationsPerThread}\n");
        output.WriteLine($"{scrapes} scrapes while observing");
    }

    [Theory]
    [InlineData(ExpositionFormat.PrometheusText)]
    [InlineData(ExpositionFormat.OpenMetrics)]
    public async Task WriteAsync_WithACallbackTimeout_WritesTheSameBodyAsWithout(ExpositionFormat format)
    {
        using var factory = TestFactory.Create(new ManualTimeProvider());
        ExpositionSamples.PopulateEveryType(factory);
        factory.CreateGauge("callback_value", "Read through a callback.").SetCallback(() => 7);
        using var scraper = new MetricsScraper([factory, ExpositionSamples.SummarySource()]);
        using var without = new MemoryStream();
        using var with = new MemoryStream();

        await scraper.WriteAsync(without, format);
        await scraper.WriteAsync(with, format, TimeSpan.FromMinutes(1));

        Encoding.UTF8.GetString(with.ToArray()).Should().Be(Encoding.UTF8.GetString(without.ToArray())).And.Contain("callback_value 7\n");
    }

    [Fact]
    public async Task WriteAsync_WithANegativeCallbackTimeout_ThrowsAndWritesNothing()
    {
        using var scraper = new MetricsScraper([]);
        using var body = new MemoryStream();

        var act = async () => await scraper.WriteAsync(body, ExpositionFormat.PrometheusText, TimeSpan.FromMilliseconds(-1));

        (await act.Should().ThrowAsync<ArgumentOutOfRangeException>()).Which.ParamName.Should().Be("callbackTimeout");
        body.Length.Should().Be(0);
    }

    [Fact]
    public void Constructor_NullSource_Throws()
    {
        var act = () => new MetricsScraper([null!]);

        act.Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void Scrape_AfterDispose_Throws()
    {
        var scraper = new MetricsScraper([]);
        scraper.Dispose();

        var act = () => scraper.Scrape(ExpositionFormat.PrometheusText);

        act.Should().Throw<ObjectDisposedException>();
    }

    private static MetricFactory CounterSeries(int count)
    {
        var factory = TestFactory.Create(new ManualTimeProvider(), exemplars: false);
        var counter = factory.CreateCounter("requests", "Requests.", ["id"]);
        for (var i = 0; i < count; i++)
        {
            counter.WithLabels(i.ToString(CultureInfo.InvariantCulture)).Inc(i);
        }

        return factory;
    }

    private static async Task<long> AllocatedBySteadyScrapeAsync(MetricsScraper scraper, ExpositionFormat format)
    {
        // The first scrapes grow the kept buffer and claim the family names; later ones reuse both.
        for (var i = 0; i < 3; i++)
        {
            await scraper.WriteAsync(Stream.Null, format);
        }

        // The least of a few scrapes, so a one-off runtime allocation (tiered JIT) cannot blur a per-series cost.
        var least = long.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var pending = scraper.WriteAsync(Stream.Null, format);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            pending.IsCompletedSuccessfully.Should().BeTrue("a scrape into a synchronous stream completes on the calling thread, so the count above is all of it");
            await pending;
            least = Math.Min(least, allocated);
        }

        return least;
    }

    private static void AssertInfEqualsCount(string text)
    {
        var infBuckets = InfBucket().Matches(text).ToDictionary(m => m.Groups[1].Value, m => long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
        var counts = CountLine().Matches(text).ToDictionary(m => m.Groups[1].Value, m => long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
        counts.Should().NotBeEmpty();
        infBuckets.Should().Equal(counts);

        foreach (var worker in counts.Keys)
        {
            var buckets = BucketLine().Matches(text).Where(m => m.Groups[1].Value == worker)
                .Select(m => long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)).ToList();
            buckets.Should().BeInAscendingOrder("buckets are cumulative");
        }
    }

    [GeneratedRegex(@"^work_duration_seconds_bucket\{worker=""(\w+)"",le=""\+Inf""\} (\d+)$", RegexOptions.Multiline)]
    private static partial Regex InfBucket();

    [GeneratedRegex(@"^work_duration_seconds_count\{worker=""(\w+)""\} (\d+)$", RegexOptions.Multiline)]
    private static partial Regex CountLine();

    [GeneratedRegex(@"^work_duration_seconds_bucket\{worker=""(\w+)"",le=""[^""]+""\} (\d+)$", RegexOptions.Multiline)]
    private static partial Regex BucketLine();

    /// <summary>A stream whose write waits until the test releases it, like a client that stopped reading.</summary>
    private sealed class BlockingStream : Stream
    {
        public TaskCompletionSource WriteStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public MemoryStream Written { get; } = new();

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => Written.Length;

        public override long Position { get => Written.Position; set => throw new NotSupportedException(); }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            WriteStarted.TrySetResult();
            await Release.Task.WaitAsync(cancellationToken);
            Written.Write(buffer.Span);
        }

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("The scraper writes asynchronously.");

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
