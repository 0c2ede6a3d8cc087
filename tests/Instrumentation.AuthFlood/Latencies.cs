using System.Globalization;

namespace Instrumentation.AuthFlood;

/// <summary>Response times in milliseconds, summarised as median, 95th percentile and maximum. Thread-safe.</summary>
internal sealed class Latencies
{
    private readonly List<double> _milliseconds = [];

    public int Count
    {
        get
        {
            lock (_milliseconds)
            {
                return _milliseconds.Count;
            }
        }
    }

    public void Add(TimeSpan elapsed)
    {
        lock (_milliseconds)
        {
            _milliseconds.Add(elapsed.TotalMilliseconds);
        }
    }

    public double Percentile(double p)
    {
        double[] sorted;
        lock (_milliseconds)
        {
            sorted = [.. _milliseconds];
        }

        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        Array.Sort(sorted);
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }

    public double Median => Percentile(50);

    public double P95 => Percentile(95);

    public double Max => Percentile(100);

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"median {Median:F1} ms, p95 {P95:F1} ms, max {Max:F1} ms (n={Count})");
}
