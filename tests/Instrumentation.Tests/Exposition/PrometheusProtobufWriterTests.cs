using System.Buffers;
using Google.Protobuf;
using Instrumentation.Collection;
using Instrumentation.Exposition;
using Instrumentation.Tests.TestSupport;
using Instrumentation.TestSupport.PrometheusProtobuf;

namespace Instrumentation.Tests.Exposition;

/// <summary>
/// Our encoder's output read back by Google.Protobuf's wire reader (<see cref="PrometheusProtobufDecoder"/>),
/// value by value, for every type.
/// </summary>
public class PrometheusProtobufWriterTests
{
    private const double Created = 1700000000.123;

    private static IReadOnlyList<DecodedFamily> Write(IMetricsSource source) =>
        PrometheusProtobufDecoder.Decode(Render.Bytes(source, ExpositionFormat.PrometheusProtobuf));

    [Fact]
    public void Create_ProtobufFormat_ReturnsTheProtobufWriter()
    {
        var writer = ExpositionWriter.Create(ExpositionFormat.PrometheusProtobuf, new ArrayBufferWriter<byte>());

        writer.Should().BeOfType<PrometheusProtobufWriter>().Which.Format.Should().Be(ExpositionFormat.PrometheusProtobuf);
    }

    [Fact]
    public void Write_EmptySource_WritesNothing()
    {
        using var factory = TestFactory.Create(new ManualTimeProvider());

        Render.Bytes(factory, ExpositionFormat.PrometheusProtobuf).Should().BeEmpty();
    }

    [Fact]
    public void Write_FamilyWithoutSeries_IsLeftOut()
    {
        var source = new DelegateMetricsSource(visitor =>
        {
            visitor.BeginFamily(new MetricFamilyDescriptor("empty", "Nothing yet.", "", MetricType.Counter));
            visitor.EndFamily();
            visitor.BeginFamily(new MetricFamilyDescriptor("up", "Up.", "", MetricType.Gauge));
            visitor.WriteGauge(new MetricLabels([], []), 1);
            visitor.EndFamily();
            visitor.BeginFamily(new MetricFamilyDescriptor("empty_histogram", "Nothing yet.", "", MetricType.Histogram));
            visitor.EndFamily();
        });

        Write(source).Should().ContainSingle().Which.Name.Should().Be("up");
    }

    [Fact]
    public void Write_Counter_NamesFamilyWithTotalAndCarriesValueAndCreatedTimestamp()
    {
        using var factory = TestFactory.Create(new ManualTimeProvider(), exemplars: false);
        factory.CreateCounter("jobs_total", "Jobs done.").Inc(3);

        var family = Write(factory).Should().ContainSingle().Subject;

        family.Name.Should().Be("jobs_total");
        family.Help.Should().Be("Jobs done.");
        family.Type.Should().Be(DecodedFamily.Counter);
        family.Unit.Should().BeNull();
        var metric = family.Metrics.Should().ContainSingle().Subject;
        metric.Labels.Should().BeEmpty();
        metric.Gauge.Should().BeNull();
        metric.Counter!.Value.Should().Be(3);
        metric.Counter.Exemplar.Should().BeNull();
        metric.Counter.Created!.UnixSeconds.Should().BeApproximately(Created, 1e-6);
        metric.Counter.Created.Nanos.Should().BeInRange(122_999_000, 123_001_000);
    }

    [Fact]
    public void Write_CounterWithUnitAndLabels_WritesUnitAndRawLabelValues()
    {
        using var factory = TestFactory.Create(new ManualTimeProvider(), exemplars: false);
        var counter = factory.CreateCounter("sent_bytes", "Bytes \"sent\" to C:\\out\nper peer.", ["peer", "zone"], unit: "bytes");
        counter.WithLabels("a\"b\\c\nd", "").Inc(1024);

        var family = Write(factory).Single();

        family.Name.Should().Be("sent_bytes_total");
        family.Help.Should().Be("Bytes \"sent\" to C:\\out\nper peer.");
        family.Unit.Should().Be("bytes");
        family.Metrics.Single().Labels.Should().Equal(new("peer", "a\"b\\c\nd"), new KeyValuePair<string, string>("zone", ""));
        family.Metrics.Single().Counter!.Value.Should().Be(1024);
    }

    [Fact]
    public void Write_UnitTheNameDoesNotEndWith_IsLeftOut()
    {
        var source = ExpositionFixtures.UptimeWithUnitNotInItsName();

        Write(source).Single().Unit.Should().BeNull();
    }

    [Fact]
    public void Write_Gauge_CarriesEveryDoubleIncludingNaNAndInfinities()
    {
        using var factory = TestFactory.Create(new ManualTimeProvider());
        var gauge = ExpositionFixtures.RecordRoomTemperatures(factory);
        gauge.WithLabels("void").Set(double.NegativeInfinity);
        gauge.WithLabels("zero").Set(0);
        gauge.WithLabels("tiny").Set(double.Epsilon);

        var family = Write(factory).Single();

        family.Type.Should().Be(DecodedFamily.Gauge);
        family.Unit.Should().Be("celsius");
        family.Metrics.Select(m => (m.Label("room"), m.Gauge!.Value)).Should().Equal(
            ("kitchen", 21.5), ("freezer", -18), ("unknown", double.NaN), ("sun", double.PositiveInfinity),
            ("void", double.NegativeInfinity), ("zero", 0), ("tiny", double.Epsilon));
        family.Metrics.Should().OnlyContain(m => m.Counter == null && m.Histogram == null && m.Summary == null);
    }

    [Fact]
    public void Write_Histogram_CarriesCumulativeBucketsWithInfSumCountAndCreated()
    {
        using var factory = TestFactory.Create(new ManualTimeProvider(), exemplars: false);
        var histogram = factory.CreateHistogram("job_duration_seconds", "Job duration.", ["queue"], buckets: [0.1, 0.5, 1], unit: "seconds");
        histogram.WithLabels("fast").Observe(0.05);
        histogram.WithLabels("fast").Observe(0.3);
        histogram.WithLabels("fast").Observe(7);

        var family = Write(factory).Single();

        family.Name.Should().Be("job_duration_seconds");
        family.Type.Should().Be(DecodedFamily.Histogram);
        family.Unit.Should().Be("seconds");
        var metric = family.Metrics.Single();
        metric.Label("queue").Should().Be("fast");
        var h = metric.Histogram!;
        h.SampleCount.Should().Be(3);
        h.SampleSum.Should().BeApproximately(7.35, 1e-12);
        h.Buckets.Select(b => (b.UpperBound, b.CumulativeCount)).Should().Equal(
            (0.1, 1UL), (0.5, 2UL), (1.0, 2UL), (double.PositiveInfinity, 3UL));
        h.Buckets.Should().OnlyContain(b => b.Exemplar == null && b.CumulativeCountFloat == null);
        h.Created!.UnixSeconds.Should().BeApproximately(Created, 1e-6);

        // Nothing native: Prometheus must read it as a classic histogram.
        h.Schema.Should().BeNull();
        h.ZeroThreshold.Should().BeNull();
        h.ZeroCount.Should().BeNull();
        h.PositiveSpans.Should().BeEmpty();
        h.NegativeSpans.Should().BeEmpty();
    }

    [Fact]
    public void Write_HistogramObservedUnderRecordedActivity_CarriesExemplarOnTheBucketOfTheValue()
    {
        using var factory = TestFactory.Create(new ManualTimeProvider());
        var (traceId, spanId) = ExpositionFixtures.RecordJobDurationsWithOneTraced(factory);

        var buckets = Write(factory).Single().Metrics.Single().Histogram!.Buckets;

        buckets.Select(b => b.Exemplar is not null).Should().Equal(false, true, false, false);
        var exemplar = buckets[1].Exemplar!;
        exemplar.Labels.Should().Equal(new("trace_id", traceId), new KeyValuePair<string, string>("span_id", spanId));
        exemplar.Value.Should().Be(0.3);
        exemplar.Timestamp!.UnixSeconds.Should().BeApproximately(Created, 1e-6);
    }

    [Fact]
    public void Write_CounterIncrementedUnderRecordedActivity_CarriesExemplar()
    {
        using var factory = TestFactory.Create(new ManualTimeProvider());
        var counter = factory.CreateCounter("orders", "Orders placed.", ["shop"]);
        var (traceId, spanId) = TracedScope.Run(() => counter.WithLabels("north").Inc(2));
        counter.WithLabels("south").Inc(4);

        var metrics = Write(factory).Single().Metrics;

        var north = metrics.Single(m => m.Label("shop") == "north").Counter!;
        north.Exemplar!.Labels.Should().Equal(new("trace_id", traceId), new KeyValuePair<string, string>("span_id", spanId));
        north.Exemplar.Value.Should().Be(2);
        north.Exemplar.Timestamp!.UnixSeconds.Should().BeApproximately(Created, 1e-6);
        metrics.Single(m => m.Label("shop") == "south").Counter!.Exemplar.Should().BeNull();
    }

    [Fact]
    public void Write_ExemplarWithOversizedLabels_LeavesExemplarOut()
    {
        var source = ExpositionFixtures.EventsWithOversizedExemplar();

        var counter = Write(source).Single().Metrics.Single().Counter!;

        counter.Value.Should().Be(2);
        counter.Exemplar.Should().BeNull();
        counter.Created.Should().BeNull("a created time of 0 means unknown");
    }

    [Fact]
    public void Write_ExemplarWithoutTimestamp_HasNoTimestamp()
    {
        var source = new DelegateMetricsSource(visitor =>
        {
            visitor.BeginFamily(new MetricFamilyDescriptor("events", "Events.", "", MetricType.Counter));
            visitor.WriteCounter(new MetricLabels([], []), 2, double.NaN, new Exemplar("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", 1.5, 0));
            visitor.EndFamily();
        });

        var counter = Write(source).Single().Metrics.Single().Counter!;

        counter.Exemplar!.Value.Should().Be(1.5);
        counter.Exemplar.Timestamp.Should().BeNull();
        counter.Created.Should().BeNull();
    }

    [Fact]
    public void Write_NativeHistogramWithoutClassicBounds_CarriesSpansDeltasAndNoClassicBucket()
    {
        var family = Write(NativeSource(new HistogramPoint([], [5], 3.2, Created, [], new NativeHistogramBuckets(3, 2.9e-39, 1, [0, 1, 3], [1, 2, 1], [], []))));

        var h = family.Single().Metrics.Single().Histogram!;
        h.SampleCount.Should().Be(5);
        h.SampleSum.Should().Be(3.2);
        h.Schema.Should().Be(3);
        h.ZeroThreshold.Should().Be(2.9e-39);
        h.ZeroCount.Should().Be(1);
        h.Buckets.Should().BeEmpty("a lone +Inf bucket would make Prometheus read it as a classic histogram");
        h.PositiveSpans.Should().Equal(new DecodedSpan(0, 2), new DecodedSpan(1, 1));
        h.PositiveDeltas.Should().Equal(1, 1, -1);
        h.NegativeSpans.Should().BeEmpty();
        h.NegativeDeltas.Should().BeEmpty();
        h.PositiveCounts.Should().BeEmpty("integer histograms use deltas, not float counts");
        h.Created!.UnixSeconds.Should().BeApproximately(Created, 1e-6);
    }

    [Fact]
    public void Write_NativeHistogramWithNegativeBucketsAndGaps_OffsetsEachSpanFromThePreviousEnd()
    {
        var native = new NativeHistogramBuckets(-2, 0, 0, [-7, 4, 5, 9], [3, 1, 1, 6], [-3, -2, 5], [4, 0, 2]);

        var h = Write(NativeSource(new HistogramPoint([], [17], -1.5, 0, [], native))).Single().Metrics.Single().Histogram!;

        h.Schema.Should().Be(-2);
        h.ZeroThreshold.Should().Be(0);
        h.ZeroCount.Should().Be(0);
        h.NegativeSpans.Should().Equal(new DecodedSpan(-3, 2), new DecodedSpan(6, 1));
        h.NegativeDeltas.Should().Equal(4, -4, 2);
        h.PositiveSpans.Should().Equal(new DecodedSpan(-7, 1), new DecodedSpan(10, 2), new DecodedSpan(3, 1));
        h.PositiveDeltas.Should().Equal(3, -2, 0, 5);
        h.Created.Should().BeNull();
    }

    [Fact]
    public void Write_NativeHistogramWithoutObservations_HasANoOpSpanSoItStaysNative()
    {
        var h = Write(NativeSource(new HistogramPoint([], [0], 0, 0, [], new NativeHistogramBuckets(3, 0, 0, [], [], [], [])))).Single().Metrics.Single().Histogram!;

        h.SampleCount.Should().Be(0);
        h.Schema.Should().Be(3);
        h.PositiveSpans.Should().Equal(new DecodedSpan(0, 0));
        h.PositiveDeltas.Should().BeEmpty();
        h.NegativeSpans.Should().BeEmpty();
        h.Buckets.Should().BeEmpty();
    }

    [Fact]
    public void Write_NativeHistogramWithClassicBounds_CarriesBothViewsAndTimestampedExemplars()
    {
        var timed = new Exemplar("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", 0.7, 1700000000.5);
        var untimed = new Exemplar("1af7651916cd43dd8448eb211c80319c", "c7ad6b7169203331", 3, 0);
        var native = new NativeHistogramBuckets(0, 1e-9, 0, [0, 1, 2], [1, 1, 1], [], []);

        var h = Write(NativeSource(new HistogramPoint([1], [1, 3], 4.7, 0, [timed, untimed], native))).Single().Metrics.Single().Histogram!;

        h.Buckets.Select(b => (b.UpperBound, b.CumulativeCount)).Should().Equal((1.0, 1UL), (double.PositiveInfinity, 3UL));
        h.Buckets[0].Exemplar!.Value.Should().Be(0.7);
        h.Buckets[1].Exemplar!.Value.Should().Be(3);
        h.PositiveSpans.Should().Equal(new DecodedSpan(0, 3));
        h.PositiveDeltas.Should().Equal(1, 0, 0);
        h.Exemplars.Should().ContainSingle("a native histogram's exemplars must have a timestamp").Which.Value.Should().Be(0.7);
        h.Exemplars[0].Timestamp.Should().Be(new DecodedTimestamp(1700000000, 500_000_000));
    }

    [Fact]
    public void Write_Summary_CarriesQuantilesSumCountAndCreated()
    {
        var family = Write(DelegateMetricsSource.Summary()).Single();

        family.Name.Should().Be("rpc_duration_seconds");
        family.Type.Should().Be(DecodedFamily.Summary);
        family.Unit.Should().Be("seconds");
        var metric = family.Metrics.Single();
        metric.Label("service").Should().Be("checkout");
        var summary = metric.Summary!;
        summary.SampleCount.Should().Be(20);
        summary.SampleSum.Should().Be(17.5);
        summary.Quantiles.Should().Equal(new DecodedQuantile(0.5, 0.125), new(0.9, 2), new(0.99, 3.5), new(1, double.NaN));
        summary.Created.Should().Be(new DecodedTimestamp(1700000000, 500_000_000));
    }

    [Fact]
    public void Write_NegativeSummaryAndHistogramSums_AreKept()
    {
        // OpenMetrics must leave these out; the protobuf format (like text 0.0.4) carries them.
        var source = new DelegateMetricsSource(visitor =>
        {
            visitor.BeginFamily(new MetricFamilyDescriptor("offsets", "Offsets.", "", MetricType.Histogram));
            visitor.WriteHistogram(new MetricLabels([], []), new HistogramPoint([-1, 0], [1, 1, 2], -3.5, 0, []));
            visitor.EndFamily();
            visitor.BeginFamily(new MetricFamilyDescriptor("drift", "Drift.", "", MetricType.Summary));
            visitor.WriteSummary(new MetricLabels([], []), new SummaryPoint([0.5], [-2], -4, 2, 0));
            visitor.EndFamily();
        });

        var families = Write(source);

        families[0].Metrics.Single().Histogram!.SampleSum.Should().Be(-3.5);
        families[0].Metrics.Single().Histogram!.Buckets.Select(b => b.UpperBound).Should().Equal(-1, 0, double.PositiveInfinity);
        families[1].Metrics.Single().Summary!.SampleSum.Should().Be(-4);
        families[1].Metrics.Single().Summary!.Quantiles.Single().Value.Should().Be(-2);
    }

    [Fact]
    public void Write_UnicodeEverywhere_DecodesWithLoneSurrogatesReplaced()
    {
        using var factory = TestFactory.Create(new ManualTimeProvider(), exemplars: false);
        factory.CreateGauge("fruit", "Fruit 🍎 \uD800.", ["name"]).WithLabels("苹果 \uDFFF🍐 \0 \"\\\n").Set(1);

        var family = Write(factory).Single();

        family.Help.Should().Be("Fruit 🍎 \uFFFD.");
        family.Metrics.Single().Label("name").Should().Be("苹果 \uFFFD🍐 \0 \"\\\n");
    }

    [Fact]
    public void Write_LongLabelValue_GetsAMultiByteLengthPrefix()
    {
        using var factory = TestFactory.Create(new ManualTimeProvider(), exemplars: false);
        var value = new string('ä', 100_000);
        factory.CreateCounter("big", "Big.", ["v"]).WithLabels(value).Inc();
        factory.CreateCounter("small", "Small.").Inc();

        var families = Write(factory);

        families.Select(f => f.Name).Should().Equal("big_total", "small_total");
        families[0].Metrics.Single().Label("v").Should().Be(value);
        families[1].Metrics.Single().Counter!.Value.Should().Be(1);
    }

    [Fact]
    public void Write_EveryTypeWithTrickyLabels_MatchesWhatTheSourceGave()
    {
        using var factory = TestFactory.Create(new ManualTimeProvider());
        ExpositionSamples.PopulateEveryType(factory);
        var summaries = ExpositionSamples.SummarySource();
        var expected = RecordingVisitor.Collect(factory).Families.Concat(RecordingVisitor.Collect(summaries).Families).ToList();
        using var scraper = new MetricsScraper([factory, summaries]);

        var families = Decode(scraper);

        families.Select(f => f.Name).Should().Equal(expected.Select(f => f.Type == MetricType.Counter ? f.Name + "_total" : f.Name));
        for (var i = 0; i < expected.Count; i++)
        {
            families[i].Metrics.Should().HaveCount(expected[i].Series.Count);
            for (var j = 0; j < expected[i].Series.Count; j++)
            {
                var labels = families[i].Metrics[j].Labels.Select(l => l.Value);
                labels.Should().Equal(expected[i].Series[j].Labels.Select(l => l.Value.Replace("\uD800", "\uFFFD", StringComparison.Ordinal)));
            }
        }
    }

    [Fact]
    public void Decode_TruncatedBody_Throws()
    {
        // Proves the decoder used above can fail: a body cut short is refused.
        using var factory = TestFactory.Create(new ManualTimeProvider());
        factory.CreateCounter("jobs_total", "Jobs done.").Inc(3);
        var body = Render.Bytes(factory, ExpositionFormat.PrometheusProtobuf);

        var decode = () => PrometheusProtobufDecoder.Decode(body.AsSpan(0, body.Length - 1));

        decode.Should().Throw<InvalidProtocolBufferException>();
    }

    private static DelegateMetricsSource NativeSource(HistogramPoint point)
    {
        // The point's spans must outlive the source's delegate; keep copies and rebuild it per collection.
        var bounds = point.UpperBounds.ToArray();
        var counts = point.CumulativeCounts.ToArray();
        var exemplars = point.Exemplars.ToArray();
        var (sum, created) = (point.Sum, point.CreatedUnixSeconds);
        var native = point.Native;
        var schema = native.Schema;
        var zeroThreshold = native.ZeroThreshold;
        var zeroCount = native.ZeroCount;
        var positiveIndexes = native.PositiveIndexes.ToArray();
        var positiveCounts = native.PositiveCounts.ToArray();
        var negativeIndexes = native.NegativeIndexes.ToArray();
        var negativeCounts = native.NegativeCounts.ToArray();
        return new DelegateMetricsSource(visitor =>
        {
            visitor.BeginFamily(new MetricFamilyDescriptor("latency_seconds", "Latency.", "seconds", MetricType.Histogram));
            visitor.WriteHistogram(
                new MetricLabels([], []),
                new HistogramPoint(bounds, counts, sum, created, exemplars, new NativeHistogramBuckets(schema, zeroThreshold, zeroCount, positiveIndexes, positiveCounts, negativeIndexes, negativeCounts)));
            visitor.EndFamily();
        });
    }

    private static IReadOnlyList<DecodedFamily> Decode(MetricsScraper scraper)
    {
        using var stream = new MemoryStream();
        scraper.WriteAsync(stream, ExpositionFormat.PrometheusProtobuf).AsTask().GetAwaiter().GetResult();
        return PrometheusProtobufDecoder.Decode(stream.ToArray());
    }
}
