using CsCheck;
using Instrumentation.Quantiles;
using Instrumentation.Tests.TestSupport;

namespace Instrumentation.Tests.Quantiles;

/// <summary>
/// The q-quantile is the smallest observed value whose rank (1..n) reaches q·n, the value of rank ⌈q·n⌉,
/// as Prometheus' CKMS-based clients (client_golang, prometheus-net) report it; objectives 0 and 1 are the exact
/// minimum and maximum.
/// </summary>
public class SlidingQuantileWindowRankTests
{
    private static readonly QuantileObjective[] Objectives =
    [
        new(0, 0),
        new(0.01, 0.001),
        new(0.1, 0.01),
        new(0.5, 0.05),
        new(0.9, 0.01),
        new(0.99, 0.001),
        new(1, 0),
    ];

    [Fact]
    public void Query_OneToHundred_ReportsTheValueOfRankCeilingQTimesN()
    {
        // Regression: 0.99 over 1..100 reported 100 (one rank in 100 off, ten times the declared 0.001).
        var results = Query([new(0.5, 0.05), new(0.9, 0.01), new(0.99, 0.001)], [.. Enumerable.Range(1, 100).Select(i => (double)i)]);

        results.Should().Equal(50, 90, 99);
    }

    [Theory]
    [InlineData(new[] { 7.0 }, new[] { 7.0, 7, 7, 7, 7, 7, 7 })]
    [InlineData(new[] { 2.0, 1 }, new[] { 1.0, 1, 1, 1, 2, 2, 2 })]
    [InlineData(new[] { 3.0, 1, 2 }, new[] { 1.0, 1, 1, 2, 3, 3, 3 })]
    [InlineData(new[] { -1.0, 5, 5, 5 }, new[] { -1.0, -1, -1, 5, 5, 5, 5 })]
    public void Query_SmallWindows_ReportExactValues(double[] values, double[] expected) =>
        Query(Objectives, values).Should().Equal(expected);

    [Fact]
    public void Query_RandomDataSets_AreWithinTheDeclaredRankErrorOfEachObjective() =>
        Gen.Int[1, 5000].SelectMany(size => Gen.Select(Gen.Int[1, 1_000_000], Gen.Int[-500, 500]).Array[size].Select(pairs => pairs.Select(p => p.Item2 * 1.0 / (p.Item1 % 7 == 0 ? 1 : 3)).ToArray()))
            .Sample(values =>
            {
                var results = Query(Objectives, values);
                var sorted = values.Order().ToArray();
                for (int i = 0; i < Objectives.Length; i++)
                {
                    var (q, error) = Objectives[i];
                    double atOrBelow = sorted.Count(v => v <= results[i]) / (double)sorted.Length;
                    double below = sorted.Count(v => v < results[i]) / (double)sorted.Length;
                    if (atOrBelow < q - error - 1e-12 || below > q + error + 1e-12)
                    {
                        return false;
                    }
                }

                return results[0] == sorted[0] && results[^1] == sorted[^1];
            }, iter: 200);

    private static double[] Query(QuantileObjective[] objectives, double[] values)
    {
        var window = new SlidingQuantileWindow(objectives, TimeSpan.FromMinutes(10), 5, new ManualTimeProvider());
        foreach (double value in values)
        {
            window.Observe(value);
        }

        var results = new double[objectives.Length];
        window.Query(results);
        return results;
    }
}
