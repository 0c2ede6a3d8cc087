using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Instrumentation.Collection;
using Instrumentation.Exposition;
using Instrumentation.Tests.TestSupport;
using Instrumentation.TestSupport.PrometheusProtobuf;

namespace Instrumentation.Tests.Exposition;

/// <summary>
/// Arbitrary families (any strings for names, help, labels and exemplar ids; any doubles; any counts; long and
/// short messages) written by <see cref="PrometheusProtobufWriter"/> decode back, through Google.Protobuf, to
/// what was written.
/// </summary>
public class ProtobufRoundTripPropertyTests
{
    private static readonly string[] Tricky = ["", "\"", "\\", "\n", "\0", "😀", "\uD800", "\uDC00", "é", "苹果", "_seconds", "le"];
    private static readonly double[] Times = [0, -1, double.NaN, double.PositiveInfinity, 1, 0.5, 1700000000.25, 1733356800.75, 4102444800];

    [Fact]
    public void ArbitraryFamilies_DecodeBackEqual()
    {
        var property = Prop.ForAll(Gen.ListOf(Family(), 4).Select(f => f.ToArray()).ToArbitrary(), families =>
        {
            var source = new DelegateMetricsSource(visitor =>
            {
                foreach (var family in families)
                {
                    family.WriteTo(visitor);
                }
            });

            var decoded = PrometheusProtobufDecoder.Decode(Render.Bytes(source, ExpositionFormat.PrometheusProtobuf));

            var written = families.Where(f => f.Series.Length > 0).ToArray();
            decoded.Should().HaveCount(written.Length);
            for (var i = 0; i < written.Length; i++)
            {
                written[i].ShouldMatch(decoded[i]);
            }
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), property);
    }

    private static Gen<string> Text() =>
        Gen.Frequency(
            (5, ArbMap.Default.GeneratorFor<string>().Select(s => s ?? string.Empty)),
            (5, Gen.Elements(Tricky)),
            (1, Gen.Choose(100, 5_000).Select(n => new string('ä', n))))
        .ArrayOf(3).Select(parts => string.Concat(parts));

    private static Gen<double> AnyDouble() =>
        Gen.Frequency(
            (4, ArbMap.Default.GeneratorFor<double>()),
            (1, Gen.Elements(double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.0, -0.0, double.Epsilon, double.MaxValue)));

    private static Gen<Exemplar?> AnExemplar() =>
        Gen.Frequency(
            (1, Gen.Constant<Exemplar?>(null)),
            (2, from trace in Text()
                from span in Text()
                from value in AnyDouble()
                from time in Gen.Elements(Times)
                select (Exemplar?)new Exemplar(trace, span, value, time)));

    private static Gen<FamilySpec> Family() =>
        from name in Text()
        from withUnit in Gen.Elements(true, false)
        from help in Text()
        from type in Gen.Elements(MetricType.Counter, MetricType.Gauge, MetricType.Histogram, MetricType.Summary)
        from labelNames in Text().ArrayOf(2)
        from labelCount in Gen.Choose(0, 2)
        from series in Series(type, labelCount).ArrayOf(3)
        from seriesCount in Gen.Choose(0, 3)
        select new FamilySpec(
            withUnit ? name + "_seconds" : name,
            help,
            withUnit ? "seconds" : "",
            type,
            labelNames[..labelCount],
            series[..seriesCount]);

    private static Gen<SeriesSpec> Series(MetricType type, int labelCount) =>
        from labelValues in Text().ArrayOf(2)
        from value in AnyDouble()
        from created in Gen.Elements(Times)
        from exemplar in AnExemplar()
        from bucketCount in Gen.Choose(0, 40)
        from bounds in AnyDouble().ArrayOf(40)
        from increments in Gen.Choose(0, 1_000_000).ArrayOf(41)
        from exemplars in AnExemplar().ArrayOf(41)
        from sum in AnyDouble()
        from count in Gen.Choose(0, int.MaxValue)
        from native in Gen.Frequency((1, Gen.Constant<NativeSpec?>(null)), (type == MetricType.Histogram ? 2 : 0, Native().Select(n => (NativeSpec?)n)))
        select new SeriesSpec(
            labelValues[..labelCount],
            value,
            created,
            exemplar,
            bounds[..bucketCount],
            Cumulative(increments[..(bucketCount + 1)], native?.Count),
            exemplars[..(bucketCount + 1)],
            sum,
            count * 1_000L,
            native);

    private static Gen<NativeSpec> Native() =>
        from schema in Gen.Choose(NativeHistogramBuckets.MinSchema, NativeHistogramBuckets.MaxSchema)
        from zeroThreshold in Gen.Elements(0, 1e-128, 2.938735877055719e-39, 0.001, 1)
        from zeroCount in Gen.Choose(0, 1_000)
        from positive in Side()
        from negative in Side()
        select new NativeSpec(schema, zeroThreshold, zeroCount, positive.Indexes, positive.Counts, negative.Indexes, negative.Counts);

    // Strictly ascending indexes, often consecutive (one span), sometimes with gaps, at either end of the int range.
    private static Gen<(int[] Indexes, long[] Counts)> Side() =>
        from count in Gen.Choose(0, 12)
        from start in Gen.Frequency((6, Gen.Choose(-300, 300)), (1, Gen.Elements(int.MinValue, int.MaxValue - 40)))
        from steps in Gen.Frequency((3, Gen.Constant(1)), (1, Gen.Choose(1, 3))).ArrayOf(12)
        from counts in Gen.Frequency((1, Gen.Constant(0)), (4, Gen.Choose(0, int.MaxValue))).ArrayOf(12)
        select (
            Enumerable.Range(0, count).Select(i => start + steps.Take(i).Sum()).ToArray(),
            counts[..count].Select(c => (long)c * 1_000).ToArray());

    private static long[] Cumulative(int[] increments, long? total)
    {
        var result = new long[increments.Length];
        long sum = 0;
        for (var i = 0; i < increments.Length; i++)
        {
            sum += increments[i] * 3_000_000L;
            result[i] = sum;
        }

        // A native histogram's classic view ends with the same count as its native buckets.
        if (total is { } count)
        {
            result[^1] = count;
        }

        return result;
    }

    /// <summary>Rebuilds absolute bucket indexes and counts from decoded spans and deltas, as Prometheus does.</summary>
    private static (long[] Indexes, long[] Counts) Expand(IReadOnlyList<DecodedSpan> spans, IReadOnlyList<long> deltas)
    {
        var indexes = new List<long>();
        var counts = new List<long>();
        long next = 0;
        long count = 0;
        var delta = 0;
        for (var s = 0; s < spans.Count; s++)
        {
            next = s == 0 ? spans[s].Offset!.Value : next + spans[s].Offset!.Value;
            for (var i = 0; i < spans[s].Length; i++)
            {
                indexes.Add(next++);
                count += deltas[delta++];
                counts.Add(count);
            }
        }

        delta.Should().Be(deltas.Count, "every delta belongs to a span");
        return (indexes.ToArray(), counts.ToArray());
    }

    private static string Utf8RoundTrip(string text) => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text));

    private static void ShouldMatchTimestamp(DecodedTimestamp? actual, double unixSeconds)
    {
        if (unixSeconds > 0 && double.IsFinite(unixSeconds))
        {
            actual.Should().NotBeNull();
            actual!.Nanos.Should().BeInRange(0, 999_999_999);
            actual.UnixSeconds.Should().BeApproximately(unixSeconds, 1e-6);
        }
        else
        {
            actual.Should().BeNull();
        }
    }

    private static void ShouldMatchExemplar(DecodedExemplar? actual, Exemplar? expected)
    {
        var fits = expected is not null && "trace_idspan_id".Length + expected.TraceId.Length + expected.SpanId.Length <= 128;
        if (!fits)
        {
            actual.Should().BeNull();
            return;
        }

        actual.Should().NotBeNull();
        actual!.Labels.Should().Equal(
            new("trace_id", Utf8RoundTrip(expected!.TraceId)),
            new KeyValuePair<string, string>("span_id", Utf8RoundTrip(expected.SpanId)));
        actual.Value.Should().Be(expected.Value);
        ShouldMatchTimestamp(actual.Timestamp, expected.TimestampUnixSeconds);
    }

    private static void ShouldMatchNative(DecodedHistogram actual, SeriesSpec expected)
    {
        if (expected.Native is not { } native)
        {
            actual.Schema.Should().BeNull();
            actual.ZeroThreshold.Should().BeNull();
            actual.ZeroCount.Should().BeNull();
            actual.PositiveSpans.Should().BeEmpty();
            actual.NegativeSpans.Should().BeEmpty();
            actual.Exemplars.Should().BeEmpty();
            return;
        }

        actual.Schema.Should().Be(native.Schema);
        actual.ZeroThreshold.Should().Be(native.ZeroThreshold);
        actual.ZeroCount.Should().Be((ulong)native.ZeroCount);
        var positive = Expand(actual.PositiveSpans, actual.PositiveDeltas);
        positive.Indexes.Should().Equal(native.PositiveIndexes.Select(i => (long)i));
        positive.Counts.Should().Equal(native.PositiveCounts);
        var negative = Expand(actual.NegativeSpans, actual.NegativeDeltas);
        negative.Indexes.Should().Equal(native.NegativeIndexes.Select(i => (long)i));
        negative.Counts.Should().Equal(native.NegativeCounts);
        (actual.PositiveSpans.Count + actual.NegativeSpans.Count).Should().BePositive("an empty native histogram still carries a no-op span");
        actual.Exemplars.Should().HaveCount(expected.Exemplars.Count(e => e is not null && e.TimestampUnixSeconds > 0 && double.IsFinite(e.TimestampUnixSeconds)
            && "trace_idspan_id".Length + e.TraceId.Length + e.SpanId.Length <= 128));
    }

    private sealed record SeriesSpec(
        string[] LabelValues,
        double Value,
        double Created,
        Exemplar? Exemplar,
        double[] Bounds,
        long[] Cumulative,
        Exemplar?[] Exemplars,
        double Sum,
        long Count,
        NativeSpec? Native);

    private sealed record NativeSpec(int Schema, double ZeroThreshold, long ZeroCount, int[] PositiveIndexes, long[] PositiveCounts, int[] NegativeIndexes, long[] NegativeCounts)
    {
        public long Count => ZeroCount + PositiveCounts.Sum() + NegativeCounts.Sum();

        public NativeHistogramBuckets ToBuckets() =>
            new(Schema, ZeroThreshold, ZeroCount, PositiveIndexes, PositiveCounts, NegativeIndexes, NegativeCounts);
    }

    private sealed record FamilySpec(string Name, string Help, string Unit, MetricType Type, string[] LabelNames, SeriesSpec[] Series)
    {
        private static readonly double[] Quantiles = [0, 0.5, 0.9, 0.99, 1];

        public void WriteTo(IMetricsVisitor visitor)
        {
            visitor.BeginFamily(new MetricFamilyDescriptor(Name, Help, Unit, Type));
            foreach (var series in Series)
            {
                var labels = new MetricLabels(LabelNames, series.LabelValues);
                switch (Type)
                {
                    case MetricType.Counter:
                        visitor.WriteCounter(labels, series.Value, series.Created, series.Exemplar);
                        break;
                    case MetricType.Gauge:
                        visitor.WriteGauge(labels, series.Value);
                        break;
                    case MetricType.Histogram:
                        var native = series.Native is { } spec ? spec.ToBuckets() : default;
                        visitor.WriteHistogram(labels, new HistogramPoint(series.Bounds, series.Cumulative, series.Sum, series.Created, series.Exemplars, native));
                        break;
                    default:
                        visitor.WriteSummary(labels, new SummaryPoint(Quantiles, QuantileValues(series), series.Sum, series.Count, series.Created));
                        break;
                }
            }

            visitor.EndFamily();
        }

        // The summary's values are the first five bounds, padded with NaN (an empty window).
        private static double[] QuantileValues(SeriesSpec series) =>
            series.Bounds.Concat(Enumerable.Repeat(double.NaN, 5)).Take(5).ToArray();

        public void ShouldMatch(DecodedFamily actual)
        {
            actual.Name.Should().Be(Utf8RoundTrip(Name) + (Type == MetricType.Counter ? "_total" : ""));
            actual.Help.Should().Be(Help.Length == 0 ? null : Utf8RoundTrip(Help));
            actual.Unit.Should().Be(Unit.Length > 0 && Name.Length > "_seconds".Length ? Unit : null);
            actual.Type.Should().Be(Type switch
            {
                MetricType.Counter => DecodedFamily.Counter,
                MetricType.Gauge => DecodedFamily.Gauge,
                MetricType.Histogram => DecodedFamily.Histogram,
                _ => DecodedFamily.Summary,
            });
            actual.Metrics.Should().HaveCount(Series.Length);
            for (var i = 0; i < Series.Length; i++)
            {
                var expected = Series[i];
                var metric = actual.Metrics[i];
                metric.Labels.Select(l => l.Key).Should().Equal(LabelNames.Select(Utf8RoundTrip));
                metric.Labels.Select(l => l.Value).Should().Equal(expected.LabelValues.Select(Utf8RoundTrip));
                metric.TimestampMs.Should().BeNull();
                switch (Type)
                {
                    case MetricType.Counter:
                        metric.Counter!.Value.Should().Be(expected.Value);
                        ShouldMatchExemplar(metric.Counter.Exemplar, expected.Exemplar);
                        ShouldMatchTimestamp(metric.Counter.Created, expected.Created);
                        break;
                    case MetricType.Gauge:
                        metric.Gauge.Should().Be(expected.Value);
                        break;
                    case MetricType.Histogram:
                        var histogram = metric.Histogram!;
                        histogram.SampleCount.Should().Be((ulong)expected.Cumulative[^1]);
                        histogram.SampleSum.Should().Be(expected.Sum);
                        if (expected.Native is { } native && expected.Bounds.Length == 0)
                        {
                            histogram.Buckets.Should().BeEmpty();
                        }
                        else
                        {
                            histogram.Buckets.Select(b => b.UpperBound!.Value).Should().Equal([.. expected.Bounds, double.PositiveInfinity]);
                            histogram.Buckets.Select(b => (long)b.CumulativeCount!.Value).Should().Equal(expected.Cumulative);
                            for (var b = 0; b < histogram.Buckets.Count; b++)
                            {
                                ShouldMatchExemplar(histogram.Buckets[b].Exemplar, expected.Exemplars[b]);
                            }
                        }

                        ShouldMatchTimestamp(histogram.Created, expected.Created);
                        ShouldMatchNative(histogram, expected);
                        break;
                    default:
                        var summary = metric.Summary!;
                        summary.SampleCount.Should().Be((ulong)expected.Count);
                        summary.SampleSum.Should().Be(expected.Sum);
                        summary.Quantiles.Select(q => q.Quantile!.Value).Should().Equal(Quantiles);
                        summary.Quantiles.Select(q => q.Value!.Value).Should().Equal(QuantileValues(expected));
                        ShouldMatchTimestamp(summary.Created, expected.Created);
                        break;
                }
            }
        }
    }
}
