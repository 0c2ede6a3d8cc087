namespace Instrumentation.Instruments;

/// <summary>
/// What every labelled series shares: its label values, its creation time and the tags under which
/// it is published to <see cref="System.Diagnostics.Metrics"/> listeners.
/// </summary>
public abstract class Series
{
    private readonly MetricFamily _family;
    private KeyValuePair<string, object?>[]? _tags;

    private protected Series(MetricFamily family, string[] labelValues)
    {
        _family = family;
        LabelValuesArray = labelValues;
        CreatedUnixSeconds = family.Factory.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
    }

    /// <summary>The label values of this series, in the order of the family's label names.</summary>
    public IReadOnlyList<string> LabelValues => LabelValuesArray;

    /// <summary>The metric family this series belongs to.</summary>
    public MetricFamily Family => _family;

    internal string[] LabelValuesArray { get; }

    internal double CreatedUnixSeconds { get; }

    /// <summary>The series' labels as <c>System.Diagnostics.Metrics</c> tags, built on first use by a listener.</summary>
    internal KeyValuePair<string, object?>[] Tags => _tags ??= BuildTags();

    private KeyValuePair<string, object?>[] BuildTags()
    {
        var names = _family.LabelNamesArray;
        var tags = new KeyValuePair<string, object?>[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            tags[i] = new KeyValuePair<string, object?>(names[i], LabelValuesArray[i]);
        }

        return tags;
    }
}
