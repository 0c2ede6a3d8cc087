namespace Instrumentation.Collection;

/// <summary>
/// The label names and values of one series, valid only during the visitor call that receives them.
/// </summary>
public readonly ref struct MetricLabels
{
    /// <summary>Creates labels from parallel spans of names and values of equal length.</summary>
    public MetricLabels(ReadOnlySpan<string> names, ReadOnlySpan<string> values)
    {
        if (names.Length != values.Length)
        {
            throw new ArgumentException($"Got {names.Length} label names but {values.Length} label values; they must pair up.", nameof(values));
        }

        Names = names;
        Values = values;
    }

    /// <summary>The label names.</summary>
    public ReadOnlySpan<string> Names { get; }

    /// <summary>The label values, one per name.</summary>
    public ReadOnlySpan<string> Values { get; }

    /// <summary>The number of labels.</summary>
    public int Count => Names.Length;
}
