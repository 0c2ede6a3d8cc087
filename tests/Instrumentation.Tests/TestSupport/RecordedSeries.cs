namespace Instrumentation.Tests.TestSupport;

/// <summary>
/// One series as a <see cref="RecordingVisitor"/> received it: its labels (copied out of the spans) and,
/// in the derived records, its values.
/// </summary>
public abstract record RecordedSeries(IReadOnlyList<KeyValuePair<string, string>> Labels)
{
    /// <summary>The label names, in order.</summary>
    public IReadOnlyList<string> LabelNames => Labels.Select(l => l.Key).ToArray();

    /// <summary>The label values, in order.</summary>
    public IReadOnlyList<string> LabelValues => Labels.Select(l => l.Value).ToArray();
}

/// <summary>A counter series.</summary>
public sealed record RecordedCounter(
    IReadOnlyList<KeyValuePair<string, string>> Labels,
    double Value,
    double CreatedUnixSeconds,
    Collection.Exemplar? Exemplar)
    : RecordedSeries(Labels);

/// <summary>A gauge series.</summary>
public sealed record RecordedGauge(IReadOnlyList<KeyValuePair<string, string>> Labels, double Value)
    : RecordedSeries(Labels);

/// <summary>A histogram series; <see cref="Count"/> is the point's own count, recorded apart from the buckets.</summary>
public sealed record RecordedHistogram(
    IReadOnlyList<KeyValuePair<string, string>> Labels,
    IReadOnlyList<double> UpperBounds,
    IReadOnlyList<long> CumulativeCounts,
    double Sum,
    long Count,
    double CreatedUnixSeconds,
    IReadOnlyList<Collection.Exemplar?> Exemplars)
    : RecordedSeries(Labels)
{
    /// <summary>The native buckets of a native histogram; null for a classic one.</summary>
    public RecordedNativeBuckets? Native { get; init; }
}

/// <summary>A summary series.</summary>
public sealed record RecordedSummary(
    IReadOnlyList<KeyValuePair<string, string>> Labels,
    IReadOnlyList<double> Quantiles,
    IReadOnlyList<double> Values,
    double Sum,
    long Count,
    double CreatedUnixSeconds)
    : RecordedSeries(Labels);
