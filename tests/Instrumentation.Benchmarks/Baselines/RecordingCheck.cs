using System.Globalization;

namespace Instrumentation.Benchmarks.Baselines;

/// <summary>
/// The setup checks that every row, ours and the peers', records what it is given: each benchmark
/// feeds a known set of values through the very instruments it then times, reads them back through the
/// library's own output, and throws from <c>GlobalSetup</c> on any difference, so no row can time a path
/// that drops, misfiles or ignores its input.
/// </summary>
internal static class RecordingCheck
{
    /// <summary>Throws unless <paramref name="actual"/> equals <paramref name="expected"/> (relative 1e-9 for sums of doubles).</summary>
    public static void Equal(string row, string what, double expected, double actual)
    {
        var tolerance = 1e-9 * Math.Max(1, Math.Abs(expected));
        if (!(Math.Abs(expected - actual) <= tolerance))
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"{row}: {what} is {actual}, expected {expected}; the row would not measure a working recording."));
        }
    }

    /// <summary>Throws unless a histogram-like series counted <paramref name="expectedCount"/> observations summing to <paramref name="expectedSum"/>.</summary>
    public static void CountAndSum(string row, int expectedCount, double expectedSum, (double Count, double Sum) actual)
    {
        Equal(row, "the count", expectedCount, actual.Count);
        Equal(row, "the sum", expectedSum, actual.Sum);
    }

    /// <summary>Throws unless the cumulative bucket counts match, bucket by bucket (+Inf last).</summary>
    public static void Buckets(string row, ReadOnlySpan<long> expected, ReadOnlySpan<long> actual)
    {
        Equal(row, "the number of buckets (with +Inf)", expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Equal(row, $"cumulative bucket {i}", expected[i], actual[i]);
        }
    }

    /// <summary>The cumulative bucket counts (le semantics: a value equal to a bound counts in it) and the sum of <paramref name="values"/>, +Inf last.</summary>
    public static (long[] Cumulative, double Sum) Expected(IReadOnlyList<double> bounds, ReadOnlySpan<double> values)
    {
        var cumulative = new long[bounds.Count + 1];
        double sum = 0;
        foreach (var value in values)
        {
            sum += value;
            for (var i = 0; i < bounds.Count; i++)
            {
                if (value <= bounds[i])
                {
                    cumulative[i]++;
                }
            }

            cumulative[^1]++;
        }

        return (cumulative, sum);
    }

    /// <summary>The values a check records: every bound itself (it belongs in its own bucket), just above it, and the generated spread.</summary>
    public static double[] CheckValues(IReadOnlyList<double> bounds, double[] spread)
    {
        var values = new List<double>(spread.Length + (bounds.Count * 2));
        foreach (var bound in bounds)
        {
            values.Add(bound);
            values.Add(Math.BitIncrement(bound));
        }

        values.AddRange(spread.AsSpan(0, Math.Min(spread.Length, 256)));
        return [.. values];
    }
}
