using CsCheck;
using Instrumentation.Instruments;
using Instrumentation.Tests.TestSupport;

namespace Instrumentation.Tests.Instruments;

/// <summary>
/// Observations racing with bucket growth, resolution halving and collections: nothing is lost, nothing is
/// counted twice, and every collection is a consistent, monotonic reading.
/// </summary>
public class NativeHistogramConcurrencyTests
{
    [Fact]
    public void Observe_RacingWithResolutionHalving_CountsEveryObservationOnce()
    {
        using var factory = TestFactory.Create();

        // A small limit over a wide range: the series grows and halves its resolution many times while four threads observe.
        var histogram = factory.CreateHistogram("spread", "Spread", new NativeHistogramOptions { Schema = 8, MaxBucketCount = 24, ClassicBuckets = [0.5, 8] });
        const int PerThread = 20_000;
        var values = Enumerable.Range(0, 4).Select(t => Values(t, PerThread)).ToArray();
        var readings = new List<RecordedHistogram>();
        var done = 0;

        Concurrently.Run(
            () => Observe(histogram, values[0], ref done),
            () => Observe(histogram, values[1], ref done),
            () => Observe(histogram, values[2], ref done),
            () => Observe(histogram, values[3], ref done),
            () =>
            {
                while (Volatile.Read(ref done) < 4)
                {
                    readings.Add(CollectOne(factory));
                }
            });

        var final = CollectOne(factory);
        var all = values.SelectMany(v => v).ToArray();
        final.Count.Should().Be(all.Length);
        final.Sum.Should().Be(all.Sum(), "every value is a multiple of 2^-10 well within a double's exact range");
        final.Native!.Positive.Should().Equal(Expected(all.Where(v => v > 0), final.Native.Schema));
        final.Native.Negative.Should().Equal(Expected(all.Where(v => v < 0).Select(v => -v), final.Native.Schema));
        final.CumulativeCounts.Should().Equal(all.Count(v => v <= 0.5), all.Count(v => v <= 8), all.Length);

        readings.Should().NotBeEmpty();
        var previous = 0L;
        foreach (var reading in readings.Append(final))
        {
            reading.Count.Should().BeGreaterThanOrEqualTo(previous, "a count never goes back between collections");
            reading.Native!.Count.Should().Be(reading.Count);
            previous = reading.Count;
        }
    }

    [Fact]
    public void Observe_ManyRacingSeriesOfRandomValues_MatchesTheSequentialModel()
    {
        // For random batches split over threads, the native buckets equal those of the same values observed one by
        // one at the schema the series ended at, whatever the interleaving.
        Gen.Int[-12, 12].Select(Gen.Int[1, 1023], (exponent, mantissa) => Math.ScaleB(mantissa, exponent - 10) * (mantissa % 3 == 0 ? -1 : 1))
            .Array[1, 400]
            .Select(Gen.Int[NativeHistogramBucketsMin, 8], Gen.Int[1, 40])
            .Sample(
                (values, schema, maxBuckets) =>
                {
                    using var factory = TestFactory.Create();
                    var histogram = factory.CreateHistogram("h", "H", new NativeHistogramOptions { Schema = schema, MaxBucketCount = maxBuckets, ZeroThreshold = 0 });
                    Concurrently.Run(3, t =>
                    {
                        for (var i = t; i < values.Length; i += 3)
                        {
                            histogram.Observe(values[i]);
                        }
                    });

                    var point = CollectOne(factory);
                    var native = point.Native!;
                    return point.Count == values.Length
                        && point.Sum == values.Sum()
                        && native.Positive.OrderBy(p => p.Key).SequenceEqual(Expected(values.Where(v => v > 0), native.Schema))
                        && native.Negative.OrderBy(p => p.Key).SequenceEqual(Expected(values.Where(v => v < 0).Select(v => -v), native.Schema))
                        && native.Schema <= schema;
                },
                iter: 60);
    }

    [Fact]
    public void Observe_InParallel_IsLinearizable()
    {
        // CsCheck runs random observations (new extremes among them, so buckets grow and the resolution halves) on
        // several threads and checks the final reading equals that of some sequential order of the same calls.
        Gen.Int[NativeHistogramBucketsMin, 8].Select(Gen.Int[1, 12], (schema, maxBuckets) => new ObservedHistogram(schema, maxBuckets))
            .SampleParallel(
                Gen.Int[-20, 20].Select(Gen.Bool).Operation<ObservedHistogram>(o => $"Observe({(o.Item2 ? "-" : string.Empty)}1.25·2^{o.Item1})", (h, o) => h.Observe(Math.ScaleB(o.Item2 ? -1.25 : 1.25, o.Item1))),
                Gen.Int[1, 7].Operation<ObservedHistogram>(k => $"Observe({k}/8)", (h, k) => h.Observe(k / 8.0)),
                Gen.Const(0).Operation<ObservedHistogram>(_ => "Collect", (h, _) => h.Collect()),
                equal: (a, b) => a.Reading() == b.Reading(),
                print: h => h.Reading(),
                iter: 200);
    }

    [Fact]
    public void TryIncrement_RacingWithGrow_LosesNoIncrement()
    {
        // The protocol the series relies on, bare: observers increment whatever instance is current and retry when it
        // turns out frozen, while one thread replaces the instance over and over (halving the resolution at times).
        var current = NativeBucketCounts.Empty(8).Grow(1.5, 1000);
        current.TryIncrement(1.5).Should().BeTrue();
        current = current.Grow(-3, 1000);
        current.TryIncrement(-3).Should().BeTrue();
        const int PerThread = 200_000;
        const int MinimumGrows = 20;
        var stop = 0;
        var grows = 0;
        long positiveIncrements = 0;
        long negativeIncrements = 0;
        Concurrently.Run(
            () => positiveIncrements = Increment(1.5),
            () => negativeIncrements = Increment(-3),
            () =>
            {
                while (Volatile.Read(ref stop) < 2)
                {
                    var maxBuckets = grows % 50 == 49 ? 1 : 1000;
                    Volatile.Write(ref current, Volatile.Read(ref current).Grow(1.5, maxBuckets));
                    Interlocked.Increment(ref grows);
                }
            });

        var final = Volatile.Read(ref current);
        final.Positive.Sum().Should().Be(positiveIncrements + 1, "the set-up's one plus every increment; {0} grows raced them", grows);
        final.Negative.Sum().Should().Be(negativeIncrements + 1);
        grows.Should().BeGreaterThanOrEqualTo(MinimumGrows);

        long Increment(double value)
        {
            // At least PerThread, and on until the grower has replaced the instance a few times (on a loaded machine it
            // may not be scheduled at all during the first PerThread).
            long done = 0;
            while (done < PerThread || Volatile.Read(ref grows) < MinimumGrows)
            {
                // Every instance covers both values (they have counts), so a failure can only mean "frozen: re-read".
                while (!Volatile.Read(ref current).TryIncrement(value))
                {
                }

                done++;
            }

            Interlocked.Increment(ref stop);
            return done;
        }
    }

    private const int NativeHistogramBucketsMin = -4;

    private static void Observe(NativeHistogram histogram, double[] values, ref int done)
    {
        foreach (var value in values)
        {
            histogram.Observe(value);
        }

        Interlocked.Increment(ref done);
    }

    /// <summary>Values from 2^-10 to 64, both signs, each a multiple of 2^-10 so that any order of summing is exact.</summary>
    private static double[] Values(int seed, int count)
    {
        var random = new Random(seed);
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            var magnitude = random.Next(1, 1 << 16) / 1024.0;
            values[i] = random.Next(4) == 0 ? -magnitude : magnitude;
        }

        return values;
    }

    private static SortedDictionary<int, long> Expected(IEnumerable<double> magnitudes, int schema)
    {
        var expected = new SortedDictionary<int, long>();
        foreach (var magnitude in magnitudes)
        {
            var index = NativeBucketIndex.Of(magnitude, schema);
            expected[index] = expected.GetValueOrDefault(index) + 1;
        }

        return expected;
    }

    /// <summary>A native histogram under test, and its reading as text for comparing states.</summary>
    private sealed class ObservedHistogram
    {
        private readonly MetricFactory _factory = TestFactory.Create();

        public ObservedHistogram(int schema, int maxBuckets) =>
            Histogram = _factory.CreateHistogram("h", "H", new NativeHistogramOptions { Schema = schema, MaxBucketCount = maxBuckets, ZeroThreshold = 0 });

        public NativeHistogram Histogram { get; }

        public void Observe(double value) => Histogram.Observe(value);

        public void Collect() => CollectOne(_factory);

        public string Reading()
        {
            var point = CollectOne(_factory);
            var native = point.Native!;
            return $"count {point.Count} sum {point.Sum} schema {native.Schema} zero {native.ZeroCount} "
                + $"+[{string.Join(' ', native.Positive.OrderBy(p => p.Key).Select(p => $"{p.Key}:{p.Value}"))}] "
                + $"-[{string.Join(' ', native.Negative.OrderBy(p => p.Key).Select(p => $"{p.Key}:{p.Value}"))}]";
        }

        public override string ToString() => Reading();
    }

    private static RecordedHistogram CollectOne(MetricFactory factory) =>
        (RecordedHistogram)RecordingVisitor.Collect(factory).Families.Single().Series.Single();
}
