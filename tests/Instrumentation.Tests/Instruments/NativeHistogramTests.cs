using CsCheck;
using Instrumentation.Collection;
using Instrumentation.Exposition;
using Instrumentation.Instruments;
using Instrumentation.Tests.TestSupport;

namespace Instrumentation.Tests.Instruments;

public class NativeHistogramTests
{
    [Fact]
    public void CreateHistogram_WithDefaultNativeOptions_UsesSchemaThreeWithoutClassicBuckets()
    {
        using var factory = TestFactory.Create();

        var histogram = factory.CreateHistogram("latency_seconds", "Latency", new NativeHistogramOptions(), unit: "seconds");

        histogram.Schema.Should().Be(3);
        histogram.ZeroThreshold.Should().Be(Math.ScaleB(1, -128));
        histogram.MaxBucketCount.Should().Be(160);
        histogram.ClassicBuckets.Should().BeEmpty();
        histogram.Type.Should().Be(MetricType.Histogram);
    }

    [Fact]
    public void Observe_PositiveValues_CountsInExponentialBuckets()
    {
        using var factory = TestFactory.Create();
        var histogram = factory.CreateHistogram("size", "Size", new NativeHistogramOptions { Schema = 0 });

        foreach (var value in new[] { 1, 2, 3, 4, 0.75 })
        {
            histogram.Observe(value);
        }

        var point = Collect(factory, "size");
        var native = point.Native!;
        native.Schema.Should().Be(0);
        native.Positive.Should().Equal(new Dictionary<int, long> { [0] = 2, [1] = 1, [2] = 2 });
        native.Negative.Should().BeEmpty();
        native.ZeroCount.Should().Be(0);
        point.Count.Should().Be(5);
        point.Sum.Should().Be(10.75);
    }

    [Fact]
    public void Observe_NegativeValue_GoesToNegativeBuckets()
    {
        using var factory = TestFactory.Create();
        var histogram = factory.CreateHistogram("delta", "Delta", new NativeHistogramOptions { Schema = 0 });

        histogram.Observe(-3);
        histogram.Observe(-4);
        histogram.Observe(-0.5);
        histogram.Observe(2);

        var native = Collect(factory, "delta").Native!;
        native.Negative.Should().Equal(new Dictionary<int, long> { [-1] = 1, [2] = 2 });
        native.Positive.Should().Equal(new Dictionary<int, long> { [1] = 1 });
        native.Count.Should().Be(4);
    }

    [Fact]
    public void Observe_WithinZeroThreshold_GoesToZeroBucket()
    {
        using var factory = TestFactory.Create();
        var histogram = factory.CreateHistogram("delta", "Delta", new NativeHistogramOptions { ZeroThreshold = 0.001 });

        histogram.Observe(0);
        histogram.Observe(0.001);
        histogram.Observe(-0.001);
        histogram.Observe(0.0011);

        var native = Collect(factory, "delta").Native!;
        native.ZeroThreshold.Should().Be(0.001);
        native.ZeroCount.Should().Be(3);
        native.Positive.Values.Sum().Should().Be(1);
        native.Count.Should().Be(4);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Observe_NotFinite_ThrowsAndRecordsNothing(double value)
    {
        using var factory = TestFactory.Create();
        var histogram = factory.CreateHistogram("size", "Size", new NativeHistogramOptions());
        histogram.Observe(1);

        histogram.Invoking(h => h.Observe(value)).Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage("*'size'*observe finite values only*");

        var point = Collect(factory, "size");
        point.Count.Should().Be(1);
        point.Sum.Should().Be(1);
    }

    [Fact]
    public void Collect_WithClassicBuckets_ShowsBothViewsOfTheSameObservations()
    {
        using var factory = TestFactory.Create();
        var histogram = factory.CreateHistogram("latency_seconds", "Latency", new NativeHistogramOptions { ClassicBuckets = [0.1, 1] }, ["route"]);

        histogram.WithLabels("/a").Observe(0.05);
        histogram.WithLabels("/a").Observe(0.5);
        histogram.WithLabels("/a").Observe(5);

        var point = Collect(factory, "latency_seconds", "/a");
        point.UpperBounds.Should().Equal(0.1, 1);
        point.CumulativeCounts.Should().Equal(1, 2, 3);
        point.Native!.Count.Should().Be(3);
        point.Native.Schema.Should().Be(3);
        histogram.ClassicBuckets.Should().Equal(0.1, 1);
    }

    [Fact]
    public void Observe_RandomValuesAroundTheZeroThreshold_MatchesTheModelWithAndWithoutClassicBuckets()
    {
        // Series with and without classic buckets take different paths through Observe; both must put each value in
        // the bucket a model built from the definitions (zero bucket |v| <= threshold, bucket i = (2^((i-1)/8), 2^(i/8)],
        // classic le) gives. Values cluster around the threshold and the classic bounds, both signs.
        var thresholds = new[] { 0.0, Math.ScaleB(1, -128), 0.001, 0.5 };
        double[] classicBounds = [0.001, 0.01, 0.5, 1, 2];
        double[] edges = [0.0, -0.0, 0.001, -0.001, 0.5, -0.5, 1, -1, 2, Math.BitIncrement(0.001), Math.BitDecrement(-0.001), Math.ScaleB(1, -128), Math.ScaleB(1, -129), double.Epsilon, -double.Epsilon, Math.ScaleB(3, -1060), 1e300, -1e300];
        var value = Gen.OneOf(
            Gen.Int[0, edges.Length - 1].Select(i => edges[i]),
            Gen.Double[-4, 4],
            Gen.Select(Gen.Int[-30, 5], Gen.Int[1, 1023], Gen.Bool, (exponent, mantissa, negative) => Math.ScaleB(mantissa, exponent - 10) * (negative ? -1 : 1)));
        Gen.Select(value.Array[0, 200], Gen.Int[0, thresholds.Length - 1], Gen.Bool, Gen.Bool)
            .Sample(
                (values, thresholdIndex, keepClassic, fewBuckets) =>
                {
                    // A spread of values wider than the buckets allowed (20 often, 10,000 with subnormals) makes the series
                    // halve its resolution, to schemas below 0: every bucket then merges 2^(3 - schema) of schema 3's.
                    var threshold = thresholds[thresholdIndex];
                    using var factory = TestFactory.Create();
                    var histogram = factory.CreateHistogram("h", "H", new NativeHistogramOptions { ZeroThreshold = threshold, ClassicBuckets = keepClassic ? classicBounds : null, MaxBucketCount = fewBuckets ? 20 : 10_000 });
                    foreach (var v in values)
                    {
                        histogram.Observe(v);
                    }

                    var point = Collect(factory, "h");
                    var native = point.Native!;
                    var zero = values.Count(v => Math.Abs(v) <= threshold);
                    var coarser = 3 - native.Schema;
                    var positive = values.Where(v => v > threshold).GroupBy(v => Coarsen(ModelIndex(v), coarser)).ToDictionary(g => g.Key, g => (long)g.Count());
                    var negative = values.Where(v => v < -threshold).GroupBy(v => Coarsen(ModelIndex(-v), coarser)).ToDictionary(g => g.Key, g => (long)g.Count());
                    var classic = keepClassic
                        ? classicBounds.Select(bound => (long)values.Count(v => v <= bound)).Append(values.Length)
                        : [values.Length];
                    return native.Schema <= 3
                        && native.ZeroCount == zero
                        && native.Positive.OrderBy(p => p.Key).SequenceEqual(positive.OrderBy(p => p.Key))
                        && native.Negative.OrderBy(p => p.Key).SequenceEqual(negative.OrderBy(p => p.Key))
                        && point.CumulativeCounts.SequenceEqual(classic)
                        && point.Count == values.Length;
                },
                iter: 300);

        // Bucket i of schema 3 lies in bucket ceil(i / 2^steps) of the schema steps coarser (Prometheus' merge of buckets).
        static int Coarsen(int index, int steps) => (int)Math.Ceiling(index / Math.Pow(2, steps));

        // The smallest i with magnitude <= 2^(i/8), from the definition (exact at the bounds through BitDecrement/Increment checks).
        static int ModelIndex(double magnitude)
        {
            // Below the normal range Math.Pow's bounds lose precision: scale by 2^64 (exact) and move back 64 octaves.
            if (magnitude < 2.2250738585072014E-308)
            {
                return ModelIndex(magnitude * Math.Pow(2, 64)) - (64 * 8);
            }

            var index = (int)Math.Ceiling(Math.Log2(magnitude) * 8);
            while (Math.Pow(2, (index - 1) / 8.0) >= magnitude)
            {
                index--;
            }

            while (Math.Pow(2, index / 8.0) < magnitude)
            {
                index++;
            }

            return index;
        }
    }

    [Fact]
    public void Collect_WithoutClassicBuckets_HasOnlyTheInfBucket()
    {
        using var factory = TestFactory.Create();
        var histogram = factory.CreateHistogram("size", "Size", new NativeHistogramOptions());
        histogram.Observe(1);
        histogram.Observe(2);

        var point = Collect(factory, "size");

        point.UpperBounds.Should().BeEmpty();
        point.CumulativeCounts.Should().Equal(2);
    }

    [Fact]
    public void Observe_BeyondMaxBucketCount_HalvesTheResolutionUntilItFits()
    {
        using var factory = TestFactory.Create();
        var histogram = factory.CreateHistogram("size", "Size", new NativeHistogramOptions { Schema = 3, MaxBucketCount = 10 });
        histogram.Observe(1);
        histogram.Observe(1.05);

        // 1 to 100 spans 6.6 powers of two: 54 buckets at schema 3, 27 at 2, 14 at 1, 8 at 0.
        histogram.Observe(100);

        var native = Collect(factory, "size").Native!;
        native.Schema.Should().Be(0);
        native.Positive.Should().Equal(new Dictionary<int, long> { [0] = 1, [1] = 1, [7] = 1 });
        histogram.WithLabels().Schema.Should().Be(0);
    }

    [Fact]
    public void Observe_WideRangeAtTheCoarsestSchema_KeepsEveryObservationPastTheLimit()
    {
        using var factory = TestFactory.Create();
        var histogram = factory.CreateHistogram("size", "Size", new NativeHistogramOptions { Schema = -4, MaxBucketCount = 2, ZeroThreshold = 0 });

        histogram.Observe(1e-300);
        histogram.Observe(1);
        histogram.Observe(1e300);

        var native = Collect(factory, "size").Native!;
        native.Schema.Should().Be(-4);
        native.Count.Should().Be(3);
        native.PositiveIndexes.Should().HaveCount(3);
    }

    [Fact]
    public void CreateHistogram_NativeTwiceWithSameOptions_ReturnsTheSameFamily()
    {
        using var factory = TestFactory.Create();
        var first = factory.CreateHistogram("size", "Size", new NativeHistogramOptions { Schema = 2, ClassicBuckets = [1, 2] });

        factory.CreateHistogram("size", "Size", new NativeHistogramOptions { Schema = 2, ClassicBuckets = [1, 2] }).Should().BeSameAs(first);
    }

    [Fact]
    public void CreateHistogram_NativeAndClassicWithOneName_Conflict()
    {
        using var factory = TestFactory.Create();
        factory.CreateHistogram("size", "Size", new NativeHistogramOptions());

        factory.Invoking(f => f.CreateHistogram("size", "Size")).Should().Throw<InvalidOperationException>()
            .WithMessage("*native schema 3*");
        factory.Invoking(f => f.CreateHistogram("size", "Size", new NativeHistogramOptions { Schema = 4 })).Should().Throw<InvalidOperationException>();
    }

    [Theory]
    [InlineData(9, 0.0, 160, "*schema 9*-4*8*")]
    [InlineData(-5, 0.0, 160, "*schema -5*")]
    [InlineData(3, -1.0, 160, "*zero threshold -1*")]
    [InlineData(3, double.NaN, 160, "*zero threshold NaN*")]
    [InlineData(3, 0.0, 0, "*MaxBucketCount 0*at least 1*")]
    public void CreateHistogram_InvalidNativeOptions_ThrowsNamingTheRule(int schema, double zeroThreshold, int maxBuckets, string message)
    {
        using var factory = TestFactory.Create();

        factory.Invoking(f => f.CreateHistogram("size", "Size", new NativeHistogramOptions { Schema = schema, ZeroThreshold = zeroThreshold, MaxBucketCount = maxBuckets }))
            .Should().Throw<ArgumentException>().WithMessage(message);
    }

    [Fact]
    public void CreateHistogram_UnsortedClassicBuckets_Throws()
    {
        using var factory = TestFactory.Create();

        factory.Invoking(f => f.CreateHistogram("size", "Size", new NativeHistogramOptions { ClassicBuckets = [2, 1] }))
            .Should().Throw<ArgumentException>().WithMessage("*sorted ascending*");
    }

    [Fact]
    public void Observe_WithRecordedActivity_KeepsAnExemplarOnTheClassicBucket()
    {
        using var factory = TestFactory.Create();
        var histogram = factory.CreateHistogram("latency_seconds", "Latency", new NativeHistogramOptions { ClassicBuckets = [1] });

        using (new TracedScope())
        {
            histogram.Observe(0.5);
        }

        var point = Collect(factory, "latency_seconds");
        point.Exemplars.Should().HaveCount(2);
        point.Exemplars[0]!.Value.Should().Be(0.5);
        point.Exemplars[1].Should().BeNull();
    }

    [Fact]
    public void Render_NativeOnly_TextFormatsShowInfBucketSumAndCount()
    {
        using var factory = TestFactory.Create();
        var histogram = factory.CreateHistogram("size_bytes", "Size", new NativeHistogramOptions(), unit: "bytes");
        histogram.Observe(100);
        histogram.Observe(300);

        var text = Render.Text(factory, ExpositionFormat.PrometheusText);

        text.Should().Contain("size_bytes_bucket{le=\"+Inf\"} 2\n").And.Contain("size_bytes_sum 400\n").And.Contain("size_bytes_count 2\n");
        text.Should().NotContain("le=\"1\"");
        Render.Text(factory, ExpositionFormat.OpenMetrics).Should().Contain("size_bytes_bucket{le=\"+Inf\"} 2\n");
    }

    [Fact]
    public void Render_OpenMetrics_NativeWithNegativeObservations_LeavesOutSumAndCount()
    {
        using var factory = TestFactory.Create();
        var histogram = factory.CreateHistogram("delta", "Delta", new NativeHistogramOptions());
        histogram.Observe(-1);
        histogram.Observe(5);

        var text = Render.Text(factory, ExpositionFormat.OpenMetrics);

        text.Should().Contain("delta_bucket{le=\"+Inf\"} 2\n").And.NotContain("delta_sum").And.NotContain("delta_count");
    }

    [Fact]
    public void Observe_WithListener_PublishesTheValue()
    {
        using var factory = TestFactory.Create();
        using var recorder = new MeterRecorder(factory.Meter.Name);
        var histogram = factory.CreateHistogram("latency_seconds", "Latency", new NativeHistogramOptions());

        histogram.Observe(1.5);

        recorder.Measurements.Should().BeEquivalentTo(new[] { new RecordedMeasurement("latency_seconds", 1.5, new Dictionary<string, string?>()) });
    }

    private static RecordedHistogram Collect(MetricFactory factory, string name, params string[] labelValues) =>
        RecordingVisitor.Collect(factory).Family(name).WithLabels(labelValues).Should().BeOfType<RecordedHistogram>().Subject;
}
