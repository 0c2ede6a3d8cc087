using Instrumentation.Collection;
using OpenTelemetry;

namespace Instrumentation.OpenTelemetry;

/// <summary>
/// Turns the tags of one OpenTelemetry metric point into Prometheus labels, reusing its arrays from
/// point to point. Not thread-safe: one collection at a time uses it.
/// </summary>
internal sealed class SeriesLabelBuffer
{
    /// <summary>Put before a tag's label name when the exposition writes that name itself (<c>le</c> of a histogram).</summary>
    private const string ExportedPrefix = "exported_";

    // Tag keys come from instrumentation code, so this stays small.
    private readonly Dictionary<string, string> _labelNameOfKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _exportedNameOf = new(StringComparer.Ordinal);
    private string[] _names = new string[8];
    private string[] _values = new string[8];
    private string[] _tagKeys = new string[8];
    private int _count;

    /// <summary>
    /// Converts <paramref name="tags"/>: label names sanitized and sorted; tags whose keys convert to the same
    /// label name (<c>a.b</c> and <c>a_b</c>) become one label whose values are joined by <c>;</c> in key order,
    /// as the OpenTelemetry Prometheus compatibility rules say. A tag whose label name the exposition reserves
    /// (<c>le</c> and <c>quantile</c>, whatever the type: Prometheus' lint flags them outside histograms and
    /// summaries, and on those they would repeat the writer's own; one of the <paramref name="scope"/> labels when
    /// given) is renamed <c>exported_</c> and its name, as Prometheus does with target labels. With
    /// <paramref name="scope"/>, the series gets those labels too.
    /// A tag named by one of <paramref name="rewrites"/> gets the rewritten value. The result is valid until the next call.
    /// </summary>
    public MetricLabels Build(ReadOnlyTagCollection tags, List<TagValueRewrite>? rewrites = null, ScopeLabels? scope = null)
    {
        EnsureCapacity(tags.Count + (scope?.Names.Length ?? 0));
        _count = 0;
        foreach (var tag in tags)
        {
            if (string.IsNullOrEmpty(tag.Key))
            {
                continue;
            }

            var value = TagValueFormatter.Format(tag.Value);
            if (rewrites is not null)
            {
                value = Rewritten(tag.Key, value, rewrites);
            }

            var name = LabelNameOf(tag.Key);
            if (name is "le" or "quantile" || (scope is not null && scope.Contains(name)))
            {
                name = ExportedNameOf(name);
            }

            Insert(name, tag.Key, value);
        }

        if (scope is not null)
        {
            for (var i = 0; i < scope.Names.Length; i++)
            {
                Insert(scope.Names[i], string.Empty, scope.Values[i]);
            }
        }

        MergeCollidingNames();

        return new MetricLabels(_names.AsSpan(0, _count), _values.AsSpan(0, _count));
    }

    /// <summary>A string identifying the labels of the last <see cref="Build"/> (see <see cref="SeriesKeySet.WriteKey"/>), to add up or spot duplicate series.</summary>
    public string SeriesKey()
    {
        var labels = new MetricLabels(_names.AsSpan(0, _count), _values.AsSpan(0, _count));
        var buffer = new char[SeriesKeySet.KeyLength(labels)];
        SeriesKeySet.WriteKey(labels, buffer);
        return new string(buffer);
    }

    private static string Rewritten(string tagKey, string value, List<TagValueRewrite> rewrites)
    {
        foreach (var rule in rewrites)
        {
            if (rule.TagKey == tagKey)
            {
                return rule.Rewrite(value);
            }
        }

        return value;
    }

    private string LabelNameOf(string key)
    {
        if (!_labelNameOfKey.TryGetValue(key, out var name))
        {
            name = PrometheusNaming.ToLabelName(key);
            _labelNameOfKey[key] = name;
        }

        return name;
    }

    private string ExportedNameOf(string name)
    {
        if (!_exportedNameOf.TryGetValue(name, out var exported))
        {
            exported = ExportedPrefix + name;
            _exportedNameOf[name] = exported;
        }

        return exported;
    }

    // Insertion sort by label name, then tag key: points carry a handful of tags, often already in order.
    private void Insert(string name, string tagKey, string value)
    {
        var i = _count;
        while (i > 0)
        {
            var order = string.CompareOrdinal(_names[i - 1], name);
            if (order < 0 || (order == 0 && string.CompareOrdinal(_tagKeys[i - 1], tagKey) <= 0))
            {
                break;
            }

            i--;
        }

        Array.Copy(_names, i, _names, i + 1, _count - i);
        Array.Copy(_values, i, _values, i + 1, _count - i);
        Array.Copy(_tagKeys, i, _tagKeys, i + 1, _count - i);
        _names[i] = name;
        _values[i] = value;
        _tagKeys[i] = tagKey;
        _count++;
    }

    private void MergeCollidingNames()
    {
        var kept = 0;
        for (var i = 0; i < _count; i++)
        {
            if (kept > 0 && _names[kept - 1] == _names[i])
            {
                _values[kept - 1] = _values[kept - 1] + ";" + _values[i];
                continue;
            }

            _names[kept] = _names[i];
            _values[kept] = _values[i];
            _tagKeys[kept] = _tagKeys[i];
            kept++;
        }

        _count = kept;
    }

    private void EnsureCapacity(int count)
    {
        if (count <= _names.Length)
        {
            return;
        }

        var size = Math.Max(count, _names.Length * 2);
        Array.Resize(ref _names, size);
        Array.Resize(ref _values, size);
        Array.Resize(ref _tagKeys, size);
    }
}
