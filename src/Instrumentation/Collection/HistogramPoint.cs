namespace Instrumentation.Collection;

/// <summary>
/// A consistent reading of one histogram series: cumulative bucket counts whose last (+Inf) entry
/// always equals <see cref="Count"/>.
/// </summary>
public readonly ref struct HistogramPoint
{
    /// <summary>Creates a point; <paramref name="cumulativeCounts"/> has one more entry than <paramref name="upperBounds"/> (the +Inf bucket).</summary>
    public HistogramPoint(
        ReadOnlySpan<double> upperBounds,
        ReadOnlySpan<long> cumulativeCounts,
        double sum,
        double createdUnixSeconds,
        ReadOnlySpan<Exemplar?> exemplars)
    {
        if (cumulativeCounts.Length != upperBounds.Length + 1)
        {
            throw new ArgumentException("A histogram point needs one cumulative count per bound plus one for +Inf.", nameof(cumulativeCounts));
        }

        UpperBounds = upperBounds;
        CumulativeCounts = cumulativeCounts;
        Sum = sum;
        CreatedUnixSeconds = createdUnixSeconds;
        Exemplars = exemplars;
    }

    /// <summary>The finite bucket upper bounds, ascending (the implicit last bucket is +Inf).</summary>
    public ReadOnlySpan<double> UpperBounds { get; }

    /// <summary>Cumulative counts per bucket; the last entry is the +Inf bucket.</summary>
    public ReadOnlySpan<long> CumulativeCounts { get; }

    /// <summary>The number of observations (the +Inf bucket).</summary>
    public long Count => CumulativeCounts[^1];

    /// <summary>The sum of the observations.</summary>
    public double Sum { get; }

    /// <summary>When the series was created, in seconds since the Unix epoch.</summary>
    public double CreatedUnixSeconds { get; }

    /// <summary>One exemplar slot per bucket (may be empty when exemplars are off).</summary>
    public ReadOnlySpan<Exemplar?> Exemplars { get; }
}
