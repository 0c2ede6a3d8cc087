using Instrumentation.Collection;

namespace Instrumentation.Testing;

/// <summary>
/// Passes on only the families named in a list (a counter by its name with or without <c>_total</c>),
/// or every family when the list is empty, and records which names matched.
/// </summary>
internal sealed class FamilyFilter : IMetricsVisitor
{
    private readonly IMetricsVisitor _target;
    private readonly HashSet<string> _names;
    private bool _passing;

    public FamilyFilter(IMetricsVisitor target, IEnumerable<string> names)
    {
        _target = target;
        _names = new HashSet<string>(names, StringComparer.Ordinal);
    }

    /// <summary>Every family name seen (counters with <c>_total</c>).</summary>
    public List<string> Seen { get; } = [];

    /// <summary>The requested names that matched a family.</summary>
    public HashSet<string> Matched { get; } = new(StringComparer.Ordinal);

    public void BeginFamily(MetricFamilyDescriptor family)
    {
        ArgumentNullException.ThrowIfNull(family);
        var wireName = family.Type == MetricType.Counter ? family.Name + "_total" : family.Name;
        Seen.Add(wireName);
        _passing = _names.Count == 0;
        foreach (var candidate in (string[])[family.Name, wireName])
        {
            if (_names.Contains(candidate))
            {
                Matched.Add(candidate);
                _passing = true;
            }
        }

        if (_passing)
        {
            _target.BeginFamily(family);
        }
    }

    public void WriteCounter(MetricLabels labels, double value, double createdUnixSeconds, Exemplar? exemplar)
    {
        if (_passing)
        {
            _target.WriteCounter(labels, value, createdUnixSeconds, exemplar);
        }
    }

    public void WriteGauge(MetricLabels labels, double value)
    {
        if (_passing)
        {
            _target.WriteGauge(labels, value);
        }
    }

    public void WriteHistogram(MetricLabels labels, HistogramPoint point)
    {
        if (_passing)
        {
            _target.WriteHistogram(labels, point);
        }
    }

    public void WriteSummary(MetricLabels labels, SummaryPoint point)
    {
        if (_passing)
        {
            _target.WriteSummary(labels, point);
        }
    }

    public void EndFamily()
    {
        if (_passing)
        {
            _target.EndFamily();
        }

        _passing = false;
    }
}
