using Instrumentation.Collection;
using Instrumentation.Instruments;
using Instrumentation.Tests.TestSupport;

namespace Instrumentation.Tests.Instruments;

public class HistogramTests
{
    [Fact]
    public void CreateHistogram_WithoutBuckets_UsesPrometheusDefaults()
    {
        using var factory = TestFactory.Create();

        var histogram = factory.CreateHistogram("latency_seconds", "Latency", unit: "seconds");

        histogram.Buckets.Should().Equal(.005, .01, .025, .05, .075, .1, .25, .5, .75, 1, 2.5, 5, 7.5, 10);
        histogram.Type.Should().Be(MetricType.Histogram);
    }

    [Fact]
    public void Observe_ValueEqualToBound_CountsInThatBucket()
    {
        using var factory = TestFactory.Create();
        var histogram = factory.CreateHistogram("size", "Size", buckets: [1, 2, 3]);

        histogram.Observe(1);
        histogram.Observe(2);
        histogram.Observe(2.000001);

        var point = Collect(factory, "size");
        point.UpperBounds.Should().Equal(1, 2, 3);
        point.CumulativeCounts.Should().Equal(1, 2, 3, 3);
    }

    [Fact]
    public void Observe_AboveEveryBound_CountsOnlyInInfBucket()
    {
        using var factory = TestFactory.Create();
        var histogram = factory.CreateHistogram("size", "Size", buckets: [1, 2, 3]);

        histogram.Observe(3.5);
        histogram.Observe(double.MaxValue);

        Collect(factory, "size").CumulativeCounts.Should().Equal(0, 0, 0, 2);
    }

    [Fact]
    public void Observe_BelowEveryBound_CountsInFirstBucket()
    {
        using var factory = TestFactory.Create();
        var histogram = factory.CreateHistogram("delta", "Delta", buckets: [0, 1]);

        histogram.Observe(-5);
        histogram.Observe(0);

        Collect(factory, "delta").CumulativeCounts.Should().Equal(2, 2, 2);
    }

    [Fact]
    public void Observe_NegativeZero_CountsInTheBucketOfBoundZero()
    {
        using var factory = TestFactory.Create();
        var histogram = factory.CreateHistogram("delta", "Delta", buckets: [-1, 0, 1]);

        histogram.Observe(-0.0);
        histogram.Observe(0.0);

        var point = Collect(factory, "delta");
        point.CumulativeCounts.Should().Equal(0, 2, 2, 2);
        point.Sum.Should().Be(0);
    }

    [Fact]
    public void Observe_Subnormals_CountByValue()
    {
        using var factory = TestFactory.Create();
        var histogram = factory.CreateHistogram("tiny", "Tiny", buckets: [0, double.Epsilon, 1e-310]);

        histogram.Observe(double.Epsilon);
        histogram.Observe(Math.BitIncrement(double.Epsilon));
        histogram.Observe(2e-310);
        histogram.Observe(-double.Epsilon);

        Collect(factory, "tiny").CumulativeCounts.Should().Equal(1, 2, 3, 4);
    }

    // Every layout size from 1 to 20 bounds (each padding remainder, each inline size class), then one past the vector search.
    [Theory]
    [MemberData(nameof(LayoutSizes))]
    public void Observe_EachBoundAndJustAboveIt_CountsInThatBucketAndTheNext(int boundCount)
    {
        using var factory = TestFactory.Create();
        var bounds = Enumerable.Range(1, boundCount).Select(i => i * 0.25).ToArray();
        var histogram = factory.CreateHistogram("size", "Size", buckets: bounds);

        foreach (var bound in bounds)
        {
            histogram.Observe(bound);
            histogram.Observe(Math.BitIncrement(bound));
        }

        // Bucket i holds bound i and the value just above bound i - 1; +Inf holds the value just above the last.
        var expected = Enumerable.Range(0, boundCount + 1).Select(i => (long)Math.Min(2 * i + 1, 2 * boundCount));
        Collect(factory, "size").CumulativeCounts.Should().Equal(expected);
    }

    public static TheoryData<int> LayoutSizes() => [.. Enumerable.Range(1, 20), BucketSearch.MaxVectorBounds + 1];

    [Fact]
    public void Observe_RecordsSumAndCount()
    {
        using var factory = TestFactory.Create();
        var histogram = factory.CreateHistogram("latency_seconds", "Latency");

        histogram.Observe(0.003);
        histogram.Observe(0.2);
        histogram.Observe(12);

        var point = Collect(factory, "latency_seconds");
        point.Count.Should().Be(3);
        point.CumulativeCounts[^1].Should().Be(3);
        point.Sum.Should().BeApproximately(12.203, 1e-12);
        point.CumulativeCounts.Should().Equal(1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 3);
    }

    // Bucket counts sit inline up to 16 counts (size classes 4, 8, 12, 16) and in an array beyond:
    // every size class boundary, on both sides.
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(14)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(40)]
    public void Observe_OneValuePerBucket_CountsEachBucketOnceWhateverTheBucketCount(int boundCount)
    {
        using var factory = TestFactory.Create();
        var bounds = Enumerable.Range(1, boundCount).Select(i => (double)i).ToArray();
        var histogram = factory.CreateHistogram("size", "Size", ["shard"], buckets: bounds);
        var child = histogram.WithLabels("a");
        var sibling = histogram.WithLabels("b");

        for (var bucket = 0; bucket <= boundCount; bucket++)
        {
            child.Observe(bucket + 0.5);
        }

        sibling.Observe(0);

        var observed = Collect(factory, "size", "a");
        observed.CumulativeCounts.Should().Equal(Enumerable.Range(1, boundCount + 1).Select(i => (long)i));
        observed.Sum.Should().Be(Enumerable.Range(0, boundCount + 1).Sum(i => i + 0.5));
        Collect(factory, "size", "b").CumulativeCounts.Should().AllBeEquivalentTo(1L);
    }

    [Fact]
    public void Observe_NaN_ThrowsNamingMetricAndCountsNothing()
    {
        using var factory = TestFactory.Create();
        var histogram = factory.CreateHistogram("latency_seconds", "Latency");
        histogram.Observe(1);

        var act = () => histogram.Observe(double.NaN);

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*'latency_seconds'*NaN*");
        var point = Collect(factory, "latency_seconds");
        point.Count.Should().Be(1);
        point.Sum.Should().Be(1);
    }

    [Theory]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Observe_Infinity_ThrowsAndKeepsTheSumUsable(double value)
    {
        // +Inf then -Inf used to leave _sum NaN for good.
        using var factory = TestFactory.Create();
        var histogram = factory.CreateHistogram("latency_seconds", "Latency");
        histogram.Observe(1);

        var act = () => histogram.Observe(value);

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*'latency_seconds'*Infinity*finite*");
        var point = Collect(factory, "latency_seconds");
        point.Count.Should().Be(1);
        point.Sum.Should().Be(1);
    }

    [Fact]
    public void Observe_OnLabelledHistogram_ThrowsNamingLabels()
    {
        using var factory = TestFactory.Create();
        var histogram = factory.CreateHistogram("latency_seconds", "Latency", ["route"]);

        histogram.Invoking(h => h.Observe(1)).Should().Throw<InvalidOperationException>().WithMessage("*route*");
        histogram.Invoking(h => h.NewTimer()).Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Observe_OnChildren_KeepsSeriesApart()
    {
        using var factory = TestFactory.Create();
        var histogram = factory.CreateHistogram("latency_seconds", "Latency", ["route"], buckets: [1]);

        histogram.WithLabels("/a").Observe(0.5);
        histogram.WithLabels("/b").Observe(2);
        histogram.WithLabels("/b").Observe(3);

        var family = RecordingVisitor.Collect(factory).Family("latency_seconds");
        var a = family.WithLabels("/a").Should().BeOfType<RecordedHistogram>().Subject;
        var b = family.WithLabels("/b").Should().BeOfType<RecordedHistogram>().Subject;
        a.CumulativeCounts.Should().Equal(1, 1);
        a.Sum.Should().Be(0.5);
        b.CumulativeCounts.Should().Equal(0, 2);
        b.Sum.Should().Be(5);
        b.LabelNames.Should().Equal("route");
    }

    [Fact]
    public void Collect_WritesCreationTimeFromFactoryClock()
    {
        var time = new ManualTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_500));
        using var factory = TestFactory.Create(time);
        factory.CreateHistogram("latency_seconds", "Latency");
        time.Advance(TimeSpan.FromHours(1));

        Collect(factory, "latency_seconds").CreatedUnixSeconds.Should().Be(1_700_000_000.5);
    }

    [Fact]
    public void Collect_WithMoreBucketsThanFitOnTheStack_WritesEveryBucket()
    {
        using var factory = TestFactory.Create();
        var histogram = factory.CreateHistogram("size", "Size", buckets: Buckets.Linear(1, 1, 100));

        histogram.Observe(1);
        histogram.Observe(50);
        histogram.Observe(1000);

        var point = Collect(factory, "size");
        point.UpperBounds.Should().HaveCount(100);
        point.CumulativeCounts.Should().HaveCount(101);
        point.CumulativeCounts[0].Should().Be(1);
        point.CumulativeCounts[48].Should().Be(1);
        point.CumulativeCounts[49].Should().Be(2);
        point.CumulativeCounts[99].Should().Be(2);
        point.CumulativeCounts[100].Should().Be(3);
    }

    [Fact]
    public void CreateHistogram_WithTrailingInfBound_DropsIt()
    {
        using var factory = TestFactory.Create();

        var histogram = factory.CreateHistogram("size", "Size", buckets: [1, 2, double.PositiveInfinity]);

        histogram.Buckets.Should().Equal(1, 2);
        histogram.Observe(5);
        Collect(factory, "size").CumulativeCounts.Should().Equal(0, 0, 1);
    }

    [Fact]
    public void CreateHistogram_WithEmptyBuckets_ThrowsSayingSo()
    {
        using var factory = TestFactory.Create();

        var act = () => factory.CreateHistogram("size", "Size", buckets: []);

        act.Should().Throw<ArgumentException>().WithMessage("*'size'*empty*");
        factory.Find("size").Should().BeNull();
    }

    [Fact]
    public void CreateHistogram_WithOnlyInfBound_ThrowsSayingEmpty()
    {
        using var factory = TestFactory.Create();

        var act = () => factory.CreateHistogram("size", "Size", buckets: [double.PositiveInfinity]);

        act.Should().Throw<ArgumentException>().WithMessage("*'size'*empty*");
    }

    [Fact]
    public void CreateHistogram_WithUnsortedBuckets_ThrowsSayingSo()
    {
        using var factory = TestFactory.Create();

        var act = () => factory.CreateHistogram("size", "Size", buckets: [1, 3, 2]);

        act.Should().Throw<ArgumentException>().WithMessage("*'size'*sorted ascending*2*position 2*3*");
    }

    [Fact]
    public void CreateHistogram_WithDuplicateBucket_ThrowsSayingSo()
    {
        using var factory = TestFactory.Create();

        var act = () => factory.CreateHistogram("size", "Size", buckets: [1, 2, 2, 3]);

        act.Should().Throw<ArgumentException>().WithMessage("*'size'*2 appears twice*");
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.NegativeInfinity)]
    public void CreateHistogram_WithNonFiniteBucket_ThrowsSayingSo(double bad)
    {
        using var factory = TestFactory.Create();

        var act = () => factory.CreateHistogram("size", "Size", buckets: [1, bad, 3]);

        act.Should().Throw<ArgumentException>().WithMessage("*'size'*position 1 is not finite*");
    }

    [Fact]
    public void CreateHistogram_WithInfBoundNotLast_ThrowsSayingNotFinite()
    {
        using var factory = TestFactory.Create();

        var act = () => factory.CreateHistogram("size", "Size", buckets: [1, double.PositiveInfinity, 3]);

        act.Should().Throw<ArgumentException>().WithMessage("*'size'*not finite*");
    }

    [Fact]
    public void CreateHistogram_CopiesBuckets()
    {
        using var factory = TestFactory.Create();
        double[] buckets = [1, 2, 3];

        var histogram = factory.CreateHistogram("size", "Size", buckets: buckets);
        buckets[0] = 100;

        histogram.Buckets.Should().Equal(1, 2, 3);
    }

    [Fact]
    public void NewTimer_WhenDisposed_ObservesElapsedSeconds()
    {
        using var factory = TestFactory.Create();
        var histogram = factory.CreateHistogram("work_seconds", "Work", unit: "seconds");

        TimeSpan elapsed;
        using (var timer = histogram.NewTimer())
        {
            SpinUntilClockTicks();
            elapsed = timer.Elapsed;
        }

        var point = Collect(factory, "work_seconds");
        point.Count.Should().Be(1);
        point.Sum.Should().BeGreaterThan(0).And.BeGreaterThanOrEqualTo(elapsed.TotalSeconds).And.BeLessThan(60);
    }

    [Fact]
    public void NewTimer_OnChild_ObservesIntoThatChild()
    {
        using var factory = TestFactory.Create();
        var histogram = factory.CreateHistogram("work_seconds", "Work", ["job"]);

        using (histogram.WithLabels("backup").NewTimer())
        {
            SpinUntilClockTicks();
        }

        var series = RecordingVisitor.Collect(factory).Family("work_seconds").OnlySeries.Should().BeOfType<RecordedHistogram>().Subject;
        series.LabelValues.Should().Equal("backup");
        series.Count.Should().Be(1);
        series.Sum.Should().BeGreaterThan(0);
    }

    [Fact]
    public void NewTimer_InUsingBlock_AllocatesNothing()
    {
        using var factory = TestFactory.Create();
        var histogram = factory.CreateHistogram("work_seconds", "Work");

        typeof(DurationTimer).IsValueType.Should().BeTrue();
        Allocations.Measure(() =>
        {
            using (histogram.NewTimer())
            {
            }
        }).Should().Be(0);
    }

    [Fact]
    public void Observe_OnCachedChild_AllocatesNothing()
    {
        using var factory = TestFactory.Create();
        var child = factory.CreateHistogram("work_seconds", "Work", ["job"]).WithLabels("backup");

        Allocations.Measure(() => child.Observe(0.3)).Should().Be(0);
    }

    [Fact]
    public void Observe_FromFourThreadsWhileCollecting_EveryCollectionIsConsistentAndFinalCountExact()
    {
        const int Observers = 4;
        const int ObservationsPerThread = 50_000;
        const int MaxCollections = 10_000;
        using var factory = TestFactory.Create();
        var histogram = factory.CreateHistogram("size", "Size", buckets: [1, 2, 3]);
        var finished = 0;
        var collections = new List<RecordedHistogram>();

        void Observe()
        {
            // Values 0.5, 1.5, 2.5, 3.5 in turn: one per bucket, +Inf included.
            for (var i = 0; i < ObservationsPerThread; i++)
            {
                histogram.Observe((i % 4) + 0.5);
            }

            Interlocked.Increment(ref finished);
        }

        void CollectRepeatedly()
        {
            for (var i = 0; i < MaxCollections && Volatile.Read(ref finished) < Observers; i++)
            {
                collections.Add((RecordedHistogram)RecordingVisitor.Collect(factory).Family("size").OnlySeries);
            }
        }

        Concurrently.Run(Observe, Observe, Observe, Observe, CollectRepeatedly);

        collections.Should().NotBeEmpty();
        RecordedHistogram? previous = null;
        foreach (var point in collections)
        {
            point.CumulativeCounts.Should().BeInAscendingOrder("cumulative counts never decrease across buckets");
            point.CumulativeCounts[^1].Should().Be(point.Count, "+Inf equals the count");
            if (previous is not null)
            {
                for (var b = 0; b < point.CumulativeCounts.Count; b++)
                {
                    point.CumulativeCounts[b].Should().BeGreaterThanOrEqualTo(previous.CumulativeCounts[b], "a later collection never loses observations");
                }
            }

            previous = point;
        }

        const long PerBucket = Observers * ObservationsPerThread / 4;
        var final = Collect(factory, "size");
        final.CumulativeCounts.Should().Equal(PerBucket, 2 * PerBucket, 3 * PerBucket, 4 * PerBucket);
        final.Count.Should().Be(Observers * ObservationsPerThread);
        final.Sum.Should().Be(PerBucket * (0.5 + 1.5 + 2.5 + 3.5));
    }

    [Fact]
    public void MeterListener_SeesHistogramWithHelpAndUnit()
    {
        using var factory = TestFactory.Create();
        using var recorder = new MeterRecorder(factory.Meter.Name);

        factory.CreateHistogram("latency_seconds", "Latency", unit: "seconds");

        var instrument = recorder.Instrument("latency_seconds");
        instrument.Should().BeOfType<System.Diagnostics.Metrics.Histogram<double>>();
        instrument.Description.Should().Be("Latency");
        instrument.Unit.Should().Be("s");
    }

    [Fact]
    public void MeterListener_SeesRecordingsWithTagsOnlyWhileEnabled()
    {
        using var factory = TestFactory.Create();
        var histogram = factory.CreateHistogram("latency_seconds", "Latency", ["route", "method"]);
        var child = histogram.WithLabels("/fruit", "GET");
        child.Observe(0.1);

        using var recorder = new MeterRecorder(factory.Meter.Name);
        child.Observe(0.2);
        histogram.WithLabels("/veg", "POST").Observe(0.3);
        recorder.Disable("latency_seconds");
        child.Observe(0.4);

        recorder.Measurements.Should().BeEquivalentTo(new[]
        {
            new RecordedMeasurement("latency_seconds", 0.2, new Dictionary<string, string?> { ["route"] = "/fruit", ["method"] = "GET" }),
            new RecordedMeasurement("latency_seconds", 0.3, new Dictionary<string, string?> { ["route"] = "/veg", ["method"] = "POST" }),
        });
        Collect(factory, "latency_seconds", "/fruit", "GET").Count.Should().Be(3, "our own aggregation counts whether or not a listener is enabled");
    }

    [Fact]
    public void MeterListener_SeesUnlabelledRecordingsWithoutTags()
    {
        using var factory = TestFactory.Create();
        var histogram = factory.CreateHistogram("latency_seconds", "Latency");
        using var recorder = new MeterRecorder(factory.Meter.Name);

        histogram.Observe(1.5);

        recorder.Measurements.Should().BeEquivalentTo(new[] { new RecordedMeasurement("latency_seconds", 1.5, new Dictionary<string, string?>()) });
    }

    private static RecordedHistogram Collect(MetricFactory factory, string name, params string[] labelValues) =>
        RecordingVisitor.Collect(factory).Family(name).WithLabels(labelValues).Should().BeOfType<RecordedHistogram>().Subject;

    private static void SpinUntilClockTicks()
    {
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        while (System.Diagnostics.Stopwatch.GetTimestamp() == start)
        {
            Thread.SpinWait(10);
        }
    }
}
