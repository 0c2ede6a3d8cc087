using System.Runtime.CompilerServices;

namespace Instrumentation.Instruments;

/// <summary>
/// The series a recording site comes back to on almost every call (a route's method and status code, say), found
/// again by a key the site already holds: a scope and a method compared by reference, and a status code. That is a
/// few comparisons where a label lookup hashes every label value.
/// </summary>
/// <remarks>
/// A fixed table of slots, each holding an immutable entry. A slot is filled when it is empty or its entry is stale,
/// never taken from a live entry: keys that share a slot use the label lookup, and in the steady state nothing is
/// allocated. Reads take no lock.
/// An entry is stale once a series of one of its families has been removed for being idle since its series were
/// looked up (the families' <see cref="MetricFamily.Removals"/>), so nothing is recorded from here into a series that
/// is no longer exported; an update racing with that removal can be lost, as with any series kept past expiry.
/// The caller does not offer overflow series (past a cardinality limit): every lookup that lands there is counted.
/// </remarks>
/// <typeparam name="TSeries">What the site keeps per key: the series of one or more families.</typeparam>
internal sealed class RecentSeries<TSeries>
    where TSeries : class
{
    private readonly Entry?[] _slots;
    private readonly MetricFamily? _first;
    private readonly MetricFamily? _second;

    /// <param name="slots">The table size, a power of two.</param>
    /// <param name="first">A family whose series are kept (or null).</param>
    /// <param name="second">Another family whose series are kept (or null).</param>
    public RecentSeries(int slots, MetricFamily? first, MetricFamily? second = null)
    {
        if (slots <= 0 || (slots & (slots - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(slots), slots, "The number of slots must be a power of two.");
        }

        _slots = new Entry?[slots];
        _first = first;
        _second = second;
    }

    /// <summary>The families' removal count now: read it before looking series up, and pass it to <see cref="Find"/> and <see cref="Offer"/>.</summary>
    public int Generation => (_first?.Removals ?? 0) + (_second?.Removals ?? 0);

    /// <summary>The series kept for this key, or null when there are none or they are stale.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TSeries? Find(object scope, string method, int status, int generation)
    {
        var entry = Volatile.Read(ref _slots[Slot(scope, method, status)]);
        return entry is not null && entry.Status == status && ReferenceEquals(entry.Method, method) && ReferenceEquals(entry.Scope, scope) && entry.Generation == generation
            ? entry.Series
            : null;
    }

    /// <summary>Whether <see cref="Offer"/> would keep series for this key now (its slot is free or stale): ask before making them.</summary>
    public bool HasRoomFor(object scope, string method, int status)
    {
        var entry = Volatile.Read(ref _slots[Slot(scope, method, status)]);
        return entry is null || entry.Generation != Generation;
    }

    /// <summary>
    /// Keeps <paramref name="series"/>, looked up after <paramref name="generation"/> was read, for this key, if its
    /// slot is free or stale.
    /// </summary>
    public void Offer(object scope, string method, int status, int generation, TSeries series)
    {
        ref var slot = ref _slots[Slot(scope, method, status)];
        var entry = Volatile.Read(ref slot);
        if (entry is null || entry.Generation != Generation)
        {
            Volatile.Write(ref slot, new Entry(scope, method, status, generation, series));
        }
    }

    private int Slot(object scope, string method, int status) =>
        (RuntimeHelpers.GetHashCode(scope) ^ (RuntimeHelpers.GetHashCode(method) * 31) ^ (status * -1640531535)) & (_slots.Length - 1);

    private sealed class Entry(object scope, string method, int status, int generation, TSeries series)
    {
        public object Scope { get; } = scope;

        public string Method { get; } = method;

        public int Status { get; } = status;

        public int Generation { get; } = generation;

        public TSeries Series { get; } = series;
    }
}
