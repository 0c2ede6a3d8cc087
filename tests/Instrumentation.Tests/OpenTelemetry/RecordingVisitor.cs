using Instrumentation.Collection;

namespace Instrumentation.Tests.OpenTelemetry;

/// <summary>
/// A visitor that copies every call into plain objects, and throws when the calls break the visitor
/// protocol (a series outside a family, of another type than its family, or a family inside a family).
/// </summary>
public class RecordingVisitor : IMetricsVisitor
{
    private RecordedFamily? _open;

    /// <summary>Called with the name of every visitor call (<c>BeginFamily:name</c>, <c>EndFamily</c>, ...), before it is recorded.</summary>
    public Action<string>? Observer { get; init; }

    public List<RecordedFamily> Families { get; } = [];

    public bool IsInsideFamily => _open is not null;

    public RecordedFamily Family(string name)
    {
        var matches = Families.Where(f => f.Descriptor.Name == name).ToList();
        matches.Should().ContainSingle($"one family named '{name}' should have been written (got: {string.Join(", ", Families.Select(f => f.Descriptor.Name))})");
        return matches[0];
    }

    public void BeginFamily(MetricFamilyDescriptor family)
    {
        Observer?.Invoke("BeginFamily:" + family.Name);
        if (_open is not null)
        {
            throw new InvalidOperationException($"BeginFamily({family.Name}) inside family {_open.Descriptor.Name}.");
        }

        _open = new RecordedFamily(family);
    }

    public void WriteCounter(MetricLabels labels, double value, double createdUnixSeconds, Exemplar? exemplar)
    {
        Observer?.Invoke("WriteCounter");
        Open(MetricType.Counter).Series.Add(new RecordedSeries(labels) { Value = value, CreatedUnixSeconds = createdUnixSeconds, Exemplar = exemplar });
    }

    public void WriteGauge(MetricLabels labels, double value)
    {
        Observer?.Invoke("WriteGauge");
        Open(MetricType.Gauge).Series.Add(new RecordedSeries(labels) { Value = value });
    }

    public void WriteHistogram(MetricLabels labels, HistogramPoint point)
    {
        Observer?.Invoke("WriteHistogram");
        Open(MetricType.Histogram).Series.Add(new RecordedSeries(labels)
        {
            UpperBounds = point.UpperBounds.ToArray(),
            CumulativeCounts = point.CumulativeCounts.ToArray(),
            Count = point.Count,
            Sum = point.Sum,
            CreatedUnixSeconds = point.CreatedUnixSeconds,
            BucketExemplars = point.Exemplars.ToArray(),
            Native = point.Native.IsPresent ? TestSupport.RecordedNativeBuckets.Copy(point.Native) : null,
        });
    }

    public void WriteSummary(MetricLabels labels, SummaryPoint point)
    {
        Observer?.Invoke("WriteSummary");
        Open(MetricType.Summary).Series.Add(new RecordedSeries(labels) { Sum = point.Sum, Count = point.Count, CreatedUnixSeconds = point.CreatedUnixSeconds });
    }

    public void EndFamily()
    {
        Observer?.Invoke("EndFamily");
        var family = _open ?? throw new InvalidOperationException("EndFamily without BeginFamily.");
        Families.Add(family);
        _open = null;
    }

    private RecordedFamily Open(MetricType type)
    {
        var family = _open ?? throw new InvalidOperationException($"A {type} series was written outside any family.");
        if (family.Descriptor.Type != type)
        {
            throw new InvalidOperationException($"A {type} series was written into {family.Descriptor.Type} family {family.Descriptor.Name}.");
        }

        return family;
    }
}

/// <summary>One family as the visitor received it.</summary>
public sealed class RecordedFamily(MetricFamilyDescriptor descriptor)
{
    public MetricFamilyDescriptor Descriptor { get; } = descriptor;

    public List<RecordedSeries> Series { get; } = [];

    /// <summary>The only series whose labels include all of <paramref name="labels"/>.</summary>
    public RecordedSeries SeriesWith(params (string Name, string Value)[] labels)
    {
        var matches = Series.Where(s => labels.All(l => s.Labels.TryGetValue(l.Name, out var v) && v == l.Value)).ToList();
        matches.Should().ContainSingle($"family {Descriptor.Name} should have one series with {string.Join(",", labels)}");
        return matches[0];
    }
}

/// <summary>One series as the visitor received it; fields not carried by its type keep their defaults.</summary>
public sealed class RecordedSeries
{
    public RecordedSeries(MetricLabels labels)
    {
        LabelNames = labels.Names.ToArray();
        var labelMap = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < labels.Count; i++)
        {
            labelMap.Add(labels.Names[i], labels.Values[i]);
        }

        Labels = labelMap;
    }

    public IReadOnlyList<string> LabelNames { get; }

    public IReadOnlyDictionary<string, string> Labels { get; }

    public double Value { get; init; }

    public double CreatedUnixSeconds { get; init; }

    public Exemplar? Exemplar { get; init; }

    public double[] UpperBounds { get; init; } = [];

    public long[] CumulativeCounts { get; init; } = [];

    public long Count { get; init; }

    public double Sum { get; init; }

    public Exemplar?[] BucketExemplars { get; init; } = [];

    /// <summary>The native buckets of a native (exponential) histogram; null otherwise.</summary>
    public TestSupport.RecordedNativeBuckets? Native { get; init; }
}
