using System.Globalization;
using Instrumentation.Quantiles;
using Instrumentation.Tests.TestSupport;
using Xunit.Abstractions;

namespace Instrumentation.Tests.Quantiles;

public class SlidingQuantileWindowAccuracyTests(ITestOutputHelper output)
{
    // The three default-style objectives, plus their mirror images in the lower tail.
    private static readonly QuantileObjective[] Objectives =
    [
        new(0.01, 0.001),
        new(0.1, 0.01),
        new(0.5, 0.05),
        new(0.9, 0.01),
        new(0.99, 0.001),
    ];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Query_UniformStream_IsWithinRankErrorOfEachObjective(int seed) =>
        AssertWithinRankError("uniform", QuantileStreams.Uniform(seed));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Query_ExponentialStream_IsWithinRankErrorOfEachObjective(int seed) =>
        AssertWithinRankError("exponential", QuantileStreams.Exponential(seed));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Query_LogNormalStream_IsWithinRankErrorOfEachObjective(int seed) =>
        AssertWithinRankError("lognormal", QuantileStreams.LogNormal(seed));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Query_HeavyTailedLogNormalStream_IsWithinRankErrorOfEachObjective(int seed) =>
        AssertWithinRankError("lognormal σ=3", QuantileStreams.LogNormal(seed, sigma: 3));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Query_ShuffledSequence_IsWithinRankErrorOfEachObjective(int seed) =>
        AssertWithinRankError("shuffled 1..N", QuantileStreams.ShuffledSequence(seed));

    [Fact]
    public void Query_AscendingSequence_IsWithinRankErrorOfEachObjective() =>
        AssertWithinRankError("ascending 1..N", QuantileStreams.AscendingSequence());

    [Fact]
    public void Query_DescendingSequence_IsWithinRankErrorOfEachObjective() =>
        AssertWithinRankError("descending N..1", [.. QuantileStreams.AscendingSequence().Reverse()]);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Query_NegativeValues_IsWithinRankErrorOfEachObjective(int seed) =>
        AssertWithinRankError("negative normal", QuantileStreams.Negative(seed));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Query_WideDynamicRange_IsWithinRankErrorOfEachObjective(int seed) =>
        AssertWithinRankError("±1e-9..1e9", QuantileStreams.WideRange(seed));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Query_StreamSpreadOverAllAgeBuckets_IsWithinRankErrorOfEachObjective(int seed)
    {
        // 100k values over 9 minutes of a 10-minute window: all five age buckets hold data and are merged.
        var time = new ManualTimeProvider();
        var window = new SlidingQuantileWindow(Objectives, TimeSpan.FromMinutes(10), 5, time);
        var values = QuantileStreams.LogNormal(seed);
        for (int i = 0; i < values.Length; i++)
        {
            window.Observe(values[i]);
            if (i % 1000 == 999)
            {
                time.Advance(TimeSpan.FromSeconds(5.4));
                if (i % 10_000 == 9_999)
                {
                    window.Query(new double[Objectives.Length]);
                }
            }
        }

        AssertResults("lognormal over 5 age buckets", window, values);
    }

    private void AssertWithinRankError(string stream, double[] values)
    {
        var window = new SlidingQuantileWindow(Objectives, TimeSpan.FromMinutes(10), 5, new ManualTimeProvider());
        foreach (double value in values)
        {
            window.Observe(value);
        }

        AssertResults(stream, window, values);
    }

    private void AssertResults(string stream, SlidingQuantileWindow window, double[] values)
    {
        var results = new double[Objectives.Length];
        window.Query(results);
        window.Count.Should().Be(values.Length);

        var sorted = values.Order().ToArray();
        for (int i = 0; i < Objectives.Length; i++)
        {
            var (q, error) = Objectives[i];
            double rankError = QuantileStreams.RankError(sorted, results[i], q);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{stream}\tq={q}\terror={error}\testimate={results[i]:G6}\trankError={rankError:F6}"));
            results[i].Should().BeInRange(
                QuantileStreams.Exact(sorted, q - error),
                QuantileStreams.Exact(sorted, q + error),
                $"the {q} quantile of the {stream} stream may be off by {error} in rank (it is off by {rankError})");
        }
    }
}
