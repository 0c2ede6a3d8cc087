using System.Collections.Concurrent;

namespace Instrumentation.Instruments;

/// <summary>
/// The one place label children live for every instrument kind: lookup by label values without
/// allocating, creation once per distinct tuple, and an append-only list for collection.
/// </summary>
/// <typeparam name="TChild">The instrument's series type.</typeparam>
internal sealed class ChildStore<TChild>
    where TChild : class
{
    private readonly string _metricName;
    private readonly string[] _labelNames;
    private readonly Func<string[], TChild> _create;
    private readonly ConcurrentDictionary<string[], TChild> _children;
    private readonly ConcurrentDictionary<string[], TChild>.AlternateLookup<ReadOnlySpan<string>> _bySpan;
    private readonly Lock _appendLock = new();
    private TChild[] _ordered = [];
    private int _count;

    public ChildStore(string metricName, string[] labelNames, Func<string[], TChild> create)
    {
        _metricName = metricName;
        _labelNames = labelNames;
        _create = create;
        _children = new ConcurrentDictionary<string[], TChild>(LabelValuesComparer.Instance);
        _bySpan = _children.GetAlternateLookup<ReadOnlySpan<string>>();
    }

    /// <summary>The number of children created so far.</summary>
    public int Count => Volatile.Read(ref _count);

    public TChild Get(ReadOnlySpan<string> labelValues)
    {
        if (labelValues.Length != _labelNames.Length)
        {
            ThrowWrongCount(labelValues.Length, nameof(labelValues));
        }

        return _bySpan.TryGetValue(labelValues, out var child) ? child : GetOrCreate(labelValues);
    }

    /// <summary>
    /// Copies the current children into a stable view for collection: the array may be longer than
    /// <paramref name="count"/>; entries past it are not yet published.
    /// </summary>
    public TChild[] Snapshot(out int count)
    {
        // The count is published after the array holds its entries, so reading it first is enough.
        count = Volatile.Read(ref _count);
        return Volatile.Read(ref _ordered);
    }

    private TChild GetOrCreate(ReadOnlySpan<string> labelValues)
    {
        for (var i = 0; i < labelValues.Length; i++)
        {
            if (labelValues[i] is null)
            {
                throw new ArgumentNullException(
                    nameof(labelValues),
                    $"Metric '{_metricName}': the value of label '{_labelNames[i]}' is null; pass an empty string for an absent value.");
            }
        }

        lock (_appendLock)
        {
            if (_bySpan.TryGetValue(labelValues, out var existing))
            {
                return existing;
            }

            var key = labelValues.ToArray();
            var child = _create(key);
            if (_count == _ordered.Length)
            {
                var grown = new TChild[Math.Max(4, _ordered.Length * 2)];
                Array.Copy(_ordered, grown, _count);
                Volatile.Write(ref _ordered, grown);
            }

            _ordered[_count] = child;
            Volatile.Write(ref _count, _count + 1);
            _children[key] = child;
            return child;
        }
    }

    private void ThrowWrongCount(int got, string parameterName) =>
        throw new ArgumentException(
            $"Metric '{_metricName}' has {_labelNames.Length} label(s) [{string.Join(", ", _labelNames)}] but {got} value(s) were given; pass one value per label, in that order.",
            parameterName);
}
