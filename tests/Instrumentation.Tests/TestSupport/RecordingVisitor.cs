using Instrumentation.Collection;

namespace Instrumentation.Tests.TestSupport;

/// <summary>
/// An <see cref="IMetricsVisitor"/> that copies one collection into plain records, and fails loudly
/// when a source breaks the visitor protocol (a series outside a family, a series of another type than
/// its family, an unbalanced <c>EndFamily</c>, a family written twice).
/// </summary>
public sealed class RecordingVisitor : IMetricsVisitor
{
    private readonly List<RecordedFamily> _families = [];
    private MetricFamilyDescriptor? _current;
    private List<RecordedSeries>? _series;

    /// <summary>The families received, in the order they were written.</summary>
    public IReadOnlyList<RecordedFamily> Families => _families;

    /// <summary>Collects <paramref name="source"/> once into a new visitor.</summary>
    public static RecordingVisitor Collect(IMetricsSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var visitor = new RecordingVisitor();
        source.Collect(visitor);
        if (visitor._current is not null)
        {
            throw new InvalidOperationException($"Family '{visitor._current.Name}' was begun but never ended.");
        }

        return visitor;
    }

    /// <summary>The family named <paramref name="name"/>; throws when it was not written.</summary>
    public RecordedFamily Family(string name) =>
        _families.SingleOrDefault(f => f.Name == name)
        ?? throw new InvalidOperationException($"No family '{name}' was collected; got [{string.Join(", ", _families.Select(f => f.Name))}].");

    /// <summary>True when a family named <paramref name="name"/> was written.</summary>
    public bool HasFamily(string name) => _families.Any(f => f.Name == name);

    /// <inheritdoc />
    public void BeginFamily(MetricFamilyDescriptor family)
    {
        ArgumentNullException.ThrowIfNull(family);
        if (_current is not null)
        {
            throw new InvalidOperationException($"Family '{family.Name}' begun inside family '{_current.Name}'.");
        }

        if (HasFamily(family.Name))
        {
            throw new InvalidOperationException($"Family '{family.Name}' written twice in one collection.");
        }

        _current = family;
        _series = [];
    }

    /// <inheritdoc />
    public void WriteCounter(MetricLabels labels, double value, double createdUnixSeconds, Exemplar? exemplar) =>
        Add(MetricType.Counter, new RecordedCounter(Copy(labels), value, createdUnixSeconds, exemplar));

    /// <inheritdoc />
    public void WriteGauge(MetricLabels labels, double value) =>
        Add(MetricType.Gauge, new RecordedGauge(Copy(labels), value));

    /// <inheritdoc />
    public void WriteHistogram(MetricLabels labels, HistogramPoint point) =>
        Add(MetricType.Histogram, new RecordedHistogram(
            Copy(labels),
            point.UpperBounds.ToArray(),
            point.CumulativeCounts.ToArray(),
            point.Sum,
            point.Count,
            point.CreatedUnixSeconds,
            point.Exemplars.ToArray())
        {
            Native = point.Native.IsPresent ? RecordedNativeBuckets.Copy(point.Native) : null,
        });

    /// <inheritdoc />
    public void WriteSummary(MetricLabels labels, SummaryPoint point) =>
        Add(MetricType.Summary, new RecordedSummary(
            Copy(labels),
            point.Quantiles.ToArray(),
            point.Values.ToArray(),
            point.Sum,
            point.Count,
            point.CreatedUnixSeconds));

    /// <inheritdoc />
    public void EndFamily()
    {
        if (_current is null || _series is null)
        {
            throw new InvalidOperationException("EndFamily without BeginFamily.");
        }

        _families.Add(new RecordedFamily(_current.Name, _current.Help, _current.Unit, _current.Type, _series));
        _current = null;
        _series = null;
    }

    private static KeyValuePair<string, string>[] Copy(MetricLabels labels)
    {
        var copy = new KeyValuePair<string, string>[labels.Count];
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] = new KeyValuePair<string, string>(labels.Names[i], labels.Values[i]);
        }

        return copy;
    }

    private void Add(MetricType type, RecordedSeries series)
    {
        if (_current is null || _series is null)
        {
            throw new InvalidOperationException($"A {type} series was written outside any family.");
        }

        if (_current.Type != type)
        {
            throw new InvalidOperationException($"A {type} series was written into {_current.Type} family '{_current.Name}'.");
        }

        _series.Add(series);
    }
}
