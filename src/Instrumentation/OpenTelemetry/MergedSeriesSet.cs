using Instrumentation.Collection;

namespace Instrumentation.OpenTelemetry;

/// <summary>
/// The series of one stream whose tag values were rewritten, keyed by their labels afterwards, in the order
/// they were first seen. Not thread-safe: one collection at a time reuses it.
/// </summary>
internal sealed class MergedSeriesSet
{
    private readonly Dictionary<string, MergedSeries> _byKey = new(StringComparer.Ordinal);
    private readonly List<MergedSeries> _inOrder = [];

    public IReadOnlyList<MergedSeries> Series => _inOrder;

    /// <summary>The series with these labels (identified by <paramref name="key"/>), created empty on first sight.</summary>
    public MergedSeries GetOrAdd(string key, MetricLabels labels)
    {
        if (!_byKey.TryGetValue(key, out var series))
        {
            series = new MergedSeries(key, labels);
            _byKey.Add(key, series);
            _inOrder.Add(series);
        }

        return series;
    }

    public void Clear()
    {
        _byKey.Clear();
        _inOrder.Clear();
    }
}
