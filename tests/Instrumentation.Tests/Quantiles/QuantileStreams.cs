namespace Instrumentation.Tests.Quantiles;

/// <summary>Reproducible test streams, and exact quantiles and rank errors computed by sorting.</summary>
internal static class QuantileStreams
{
    public const int Size = 100_000;

    public static double[] Uniform(int seed)
    {
        var random = new Random(seed);
        var values = new double[Size];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = random.NextDouble();
        }

        return values;
    }

    public static double[] Exponential(int seed)
    {
        var random = new Random(seed);
        var values = new double[Size];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = -Math.Log(1 - random.NextDouble());
        }

        return values;
    }

    public static double[] LogNormal(int seed, double sigma = 1)
    {
        var random = new Random(seed);
        var values = new double[Size];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = Math.Exp(sigma * StandardNormal(random));
        }

        return values;
    }

    /// <summary>1, 2, …, Size in a random order.</summary>
    public static double[] ShuffledSequence(int seed)
    {
        var values = new double[Size];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = i + 1;
        }

        new Random(seed).Shuffle(values);
        return values;
    }

    /// <summary>1, 2, …, Size in ascending order, the classic worst case for merging digests.</summary>
    public static double[] AscendingSequence()
    {
        var values = new double[Size];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = i + 1;
        }

        return values;
    }

    /// <summary>Normal with mean −500 and standard deviation 100: negative values throughout.</summary>
    public static double[] Negative(int seed)
    {
        var random = new Random(seed);
        var values = new double[Size];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = -500 + (100 * StandardNormal(random));
        }

        return values;
    }

    /// <summary>Log-uniform magnitudes from 1e-9 to 1e9, each with a random sign.</summary>
    public static double[] WideRange(int seed)
    {
        var random = new Random(seed);
        var values = new double[Size];
        for (int i = 0; i < values.Length; i++)
        {
            double magnitude = Math.Pow(10, -9 + (18 * random.NextDouble()));
            values[i] = random.Next(2) == 0 ? magnitude : -magnitude;
        }

        return values;
    }

    /// <summary>The p-quantile of sorted data by the inverse distribution function: the ⌈p·n⌉-th smallest value.</summary>
    public static double Exact(double[] sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    /// <summary>How far q is from the range of ranks (as fractions of n) that <paramref name="estimate"/> occupies in sorted data.</summary>
    public static double RankError(double[] sorted, double estimate, double q)
    {
        double below = CountBelow(sorted, estimate, inclusive: false) / (double)sorted.Length;
        double atOrBelow = CountBelow(sorted, estimate, inclusive: true) / (double)sorted.Length;
        return q < below ? below - q : q > atOrBelow ? q - atOrBelow : 0;
    }

    private static int CountBelow(double[] sorted, double value, bool inclusive)
    {
        int low = 0;
        int high = sorted.Length;
        while (low < high)
        {
            int middle = (low + high) >>> 1;
            if (sorted[middle] < value || (inclusive && sorted[middle] == value))
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private static double StandardNormal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
