namespace Instrumentation.Instruments;

/// <summary>
/// The one place label children live for every instrument kind: lookup by label values without
/// allocating, creation once per distinct tuple, the cardinality limit with its overflow series, and
/// the removal of idle children.
/// </summary>
/// <remarks>
/// Looking up an existing child takes no lock and allocates nothing. Creation, the overflow series and
/// removal of idle children are rare and serialized by one lock. Collection reads an immutable
/// published list and takes no lock.
/// The index is an open-addressing table of positions in that list (4 bytes a slot, at most three quarters full)
/// instead of a dictionary with a node per child: it is published with the list, filled in place under
/// the lock, and rebuilt when it grows or children are removed. A reader that meets a position past
/// its own list's count skips it; a miss is settled under the lock.
/// </remarks>
/// <typeparam name="TChild">The instrument's series type.</typeparam>
internal sealed class ChildStore<TChild>
    where TChild : Series
{
    /// <summary>The label OpenTelemetry puts on the series that takes label combinations past the limit.</summary>
    public const string OverflowLabelName = "otel_metric_overflow";

    private readonly string _metricName;
    private readonly string[] _labelNames;
    private readonly Func<string[], TChild> _create;
    private readonly int _limit;
    private readonly Action<bool>? _onOverflow;
    private readonly Lock _appendLock = new();
    private Published _published = new([], 0, new int[4]);
    private TChild? _overflow;
    private int _overflowReported;
    private int _removals;

    /// <param name="metricName">For messages.</param>
    /// <param name="labelNames">The family's label names.</param>
    /// <param name="create">Creates a child for a copy of the label values (overflow: one value more, <c>"true"</c>).</param>
    /// <param name="limit">The most children kept apart from the overflow series.</param>
    /// <param name="onOverflow">Called for every lookup sent to the overflow series, with true the first time.</param>
    public ChildStore(string metricName, string[] labelNames, Func<string[], TChild> create, int limit = int.MaxValue, Action<bool>? onOverflow = null)
    {
        _metricName = metricName;
        _labelNames = labelNames;
        _create = create;
        _limit = limit;
        _onOverflow = onOverflow;
    }

    /// <summary>The number of children kept, not counting the overflow series.</summary>
    public int Count => Volatile.Read(ref _published).Count;

    /// <summary>The series that takes every label combination past the limit, once there has been one.</summary>
    public TChild? Overflow => Volatile.Read(ref _overflow);

    /// <summary>
    /// Changes whenever children may have been removed (each idle sweep that publishes a new list, and the overflow
    /// series' expiry), after the removal is published: a series found before a change may no longer be exported.
    /// Compare for equality only.
    /// </summary>
    public int Removals => Volatile.Read(ref _removals);

    public TChild Get(ReadOnlySpan<string> labelValues)
    {
        if (labelValues.Length != _labelNames.Length)
        {
            ThrowWrongCount(labelValues.Length, nameof(labelValues));
        }

        return Find(Volatile.Read(ref _published), labelValues) ?? GetOrCreate(labelValues);
    }

    /// <summary>
    /// Returns a stable view for collection: the array may be longer than <paramref name="count"/>;
    /// entries past it are not part of the view.
    /// </summary>
    public TChild[] Snapshot(out int count)
    {
        var published = Volatile.Read(ref _published);
        count = published.Count;
        return published.Items;
    }

    /// <summary>
    /// Removes the labelled children with no update for <paramref name="idleTicks"/> as of
    /// <paramref name="nowTicks"/> (UTC ticks); called at collection. A child touched since the last
    /// sweep counts as active now. The overflow series expires the same way.
    /// </summary>
    public void RemoveIdle(long nowTicks, long idleTicks)
    {
        if (_labelNames.Length == 0)
        {
            return;
        }

        var overflow = Volatile.Read(ref _overflow);
        if (overflow is not null && overflow.IsIdle(nowTicks, idleTicks) && Interlocked.CompareExchange(ref _overflow, null, overflow) == overflow)
        {
            Interlocked.Increment(ref _removals);
        }

        var children = Snapshot(out var count);
        var idle = 0;
        for (var i = 0; i < count; i++)
        {
            if (children[i].IsIdle(nowTicks, idleTicks))
            {
                idle++;
            }
        }

        if (idle == 0)
        {
            return;
        }

        lock (_appendLock)
        {
            // Children may have been added since the scan; the published list is the truth under the lock.
            var current = _published;
            var kept = new TChild[Math.Max(4, current.Items.Length)];
            var keptCount = 0;
            for (var i = 0; i < current.Count; i++)
            {
                var child = current.Items[i];
                if (!child.IsIdle(nowTicks, idleTicks))
                {
                    kept[keptCount++] = child;
                }
            }

            Volatile.Write(ref _published, new Published(kept, keptCount, BuildIndex(kept, keptCount, current.Index.Length)));
            Interlocked.Increment(ref _removals);
        }
    }

    private static TChild? Find(Published published, ReadOnlySpan<string> labelValues)
    {
        var index = published.Index;
        var mask = index.Length - 1;
        var slot = LabelValuesComparer.Instance.GetHashCode(labelValues) & mask;
        while (true)
        {
            // Positions are stored plus one, so that 0 is an empty slot, which ends the probe.
            var position = Volatile.Read(ref index[slot]);
            if (position == 0)
            {
                return null;
            }

            if (position <= published.Count)
            {
                var child = published.Items[position - 1];
                if (LabelValuesComparer.Instance.Equals(labelValues, child.LabelValuesArray))
                {
                    return child;
                }
            }

            slot = (slot + 1) & mask;
        }
    }

    /// <summary>Puts <paramref name="position"/> (plus one) in the first free slot for <paramref name="labelValues"/>.</summary>
    private static void Insert(int[] index, ReadOnlySpan<string> labelValues, int position)
    {
        var mask = index.Length - 1;
        var slot = LabelValuesComparer.Instance.GetHashCode(labelValues) & mask;
        while (index[slot] != 0)
        {
            slot = (slot + 1) & mask;
        }

        Volatile.Write(ref index[slot], position + 1);
    }

    /// <summary>A new index for the first <paramref name="count"/> items, at most three quarters full and at least <paramref name="minimumLength"/> slots.</summary>
    private static int[] BuildIndex(TChild[] items, int count, int minimumLength)
    {
        var length = minimumLength;
        while (length / 4 * 3 < count + 1)
        {
            length *= 2;
        }

        var index = new int[length];
        for (var i = 0; i < count; i++)
        {
            Insert(index, items[i].LabelValuesArray, i);
        }

        return index;
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

        // Once full, stay off the lock: a flood of new combinations must not serialize the callers.
        if (Volatile.Read(ref _published).Count >= _limit)
        {
            return SendToOverflow();
        }

        lock (_appendLock)
        {
            var published = _published;
            if (Find(published, labelValues) is { } existing)
            {
                return existing;
            }

            if (published.Count < _limit)
            {
                var key = labelValues.ToArray();
                var child = _create(key);
                var items = published.Items;
                if (published.Count == items.Length)
                {
                    items = new TChild[Math.Max(4, items.Length * 2)];
                    Array.Copy(published.Items, items, published.Count);
                }

                // Slots past a published count are never read, so filling one in place is safe; so is
                // filling a free index slot, since readers skip positions past their own count.
                items[published.Count] = child;
                var index = published.Index;
                if (index.Length / 4 * 3 < published.Count + 1)
                {
                    index = BuildIndex(items, published.Count + 1, index.Length * 2);
                }
                else
                {
                    Insert(index, key, published.Count);
                }

                Volatile.Write(ref _published, new Published(items, published.Count + 1, index));
                return child;
            }
        }

        return SendToOverflow();
    }
    private TChild SendToOverflow()
    {
        var overflow = Volatile.Read(ref _overflow);
        if (overflow is null)
        {
            var values = new string[_labelNames.Length + 1];
            Array.Fill(values, string.Empty);
            values[^1] = "true";
            overflow = Interlocked.CompareExchange(ref _overflow, _create(values), null) ?? _overflow!;
        }

        _onOverflow?.Invoke(Interlocked.Exchange(ref _overflowReported, 1) == 0);
        return overflow;
    }

    private void ThrowWrongCount(int got, string parameterName) =>
        throw new ArgumentException(
            $"Metric '{_metricName}' has {_labelNames.Length} label(s) [{string.Join(", ", _labelNames)}] but {got} value(s) were given; pass one value per label, in that order.",
            parameterName);

    /// <summary>
    /// The children visible to collection (the first <see cref="Count"/> entries of <see cref="Items"/>) and
    /// the index that finds them by label values: a power-of-two number of slots holding a position plus one.
    /// </summary>
    private sealed record Published(TChild[] Items, int Count, int[] Index);
}
