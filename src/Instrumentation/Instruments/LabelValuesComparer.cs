namespace Instrumentation.Instruments;

/// <summary>
/// Compares label-value tuples, both as stored arrays and as spans, so a lookup by span allocates nothing.
/// </summary>
internal sealed class LabelValuesComparer : IEqualityComparer<string[]>, IAlternateEqualityComparer<ReadOnlySpan<string>, string[]>
{
    public static LabelValuesComparer Instance { get; } = new();

    public bool Equals(string[]? x, string[]? y) => x is not null && y is not null && Equals((ReadOnlySpan<string>)x, y);

    public int GetHashCode(string[] obj) => GetHashCode((ReadOnlySpan<string>)obj);

    public bool Equals(ReadOnlySpan<string> alternate, string[] other)
    {
        if (alternate.Length != other.Length)
        {
            return false;
        }

        for (var i = 0; i < alternate.Length; i++)
        {
            if (!string.Equals(alternate[i], other[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    public int GetHashCode(ReadOnlySpan<string> alternate)
    {
        var hash = new HashCode();
        foreach (var value in alternate)
        {
            hash.Add(value is null ? 0 : value.GetHashCode(StringComparison.Ordinal));
        }

        return hash.ToHashCode();
    }

    public string[] Create(ReadOnlySpan<string> alternate) => alternate.ToArray();
}
