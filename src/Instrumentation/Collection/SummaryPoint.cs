namespace Instrumentation.Collection;

/// <summary>A reading of one summary series: quantiles over its window, plus sum and count since creation.</summary>
public readonly ref struct SummaryPoint
{
    /// <summary>Creates a point; <paramref name="quantiles"/> and <paramref name="values"/> pair up.</summary>
    public SummaryPoint(ReadOnlySpan<double> quantiles, ReadOnlySpan<double> values, double sum, long count, double createdUnixSeconds)
    {
        if (quantiles.Length != values.Length)
        {
            throw new ArgumentException("A summary point needs one value per quantile.", nameof(values));
        }

        Quantiles = quantiles;
        Values = values;
        Sum = sum;
        Count = count;
        CreatedUnixSeconds = createdUnixSeconds;
    }

    /// <summary>The quantiles (for example 0.5, 0.9, 0.99).</summary>
    public ReadOnlySpan<double> Quantiles { get; }

    /// <summary>The estimated value of each quantile over the sliding window (NaN when the window is empty).</summary>
    public ReadOnlySpan<double> Values { get; }

    /// <summary>The sum of all observations since creation.</summary>
    public double Sum { get; }

    /// <summary>The number of observations since creation.</summary>
    public long Count { get; }

    /// <summary>When the series was created, in seconds since the Unix epoch.</summary>
    public double CreatedUnixSeconds { get; }
}
