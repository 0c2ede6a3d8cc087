using System.Numerics;
using System.Runtime.CompilerServices;
using Instrumentation.Instruments;

namespace Instrumentation.AspNetCore.EndpointMetrics;

/// <summary>
/// The series a request-recording site comes back to on almost every request, found again by what the site already
/// holds: a scope (a route's template) and a method compared by reference, and the status code. That is a few
/// comparisons where a label lookup hashes every label value.
/// </summary>
/// <remarks>
/// A fixed table of immutable entries; a key may sit in either of two neighbouring slots. A free or stale slot is
/// filled; a live entry is not replaced (two keys racing for one free slot can replace each other once), so keys
/// beyond the table's room use the label lookup, and in the steady state nothing is allocated.
/// An entry is stale once its families have swept idle series since its series were looked up
/// (<see cref="MetricFamily.Removals"/>, compared per family), so a series removed for being idle is not recorded
/// into from here after its removal has been counted; an update racing with that removal can be lost, as with any
/// series kept across expiry (docs/limits.md).
/// Callers do not offer overflow series (past a cardinality limit): every lookup that lands there is counted.
/// </remarks>
/// <typeparam name="TSeries">What the site keeps per key: the series of its one or two families.</typeparam>
internal sealed class RequestSeriesTable<TSeries>
    where TSeries : class
{
    private readonly Entry?[] _slots;
    private readonly int _shift;
    private readonly MetricFamily? _first;
    private readonly MetricFamily? _second;

    /// <param name="slots">The table size, a power of two, at least 2.</param>
    /// <param name="first">A family whose series are kept (or null).</param>
    /// <param name="second">Another family whose series are kept (or null).</param>
    public RequestSeriesTable(int slots, MetricFamily? first, MetricFamily? second = null)
    {
        if (slots < 2 || !BitOperations.IsPow2(slots))
        {
            throw new ArgumentOutOfRangeException(nameof(slots), slots, "The number of slots must be a power of two, at least 2.");
        }

        _slots = new Entry?[slots];
        _shift = 32 - BitOperations.Log2((uint)slots);
        _first = first;
        _second = second;
    }

    /// <summary>The families' sweep counts now: read it before looking series up, and pass it to <see cref="Find"/> and <see cref="Offer"/>.</summary>
    public long Generation => ((long)(_first?.Removals ?? 0) << 32) | (uint)(_second?.Removals ?? 0);

    /// <summary>The series kept for this key, or null when there are none or they are stale.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TSeries? Find(object scope, string method, int status, long generation)
    {
        var slot = Slot(scope, method, status);
        var entry = Volatile.Read(ref _slots[slot]);
        if (entry is null || !entry.Is(scope, method, status))
        {
            entry = Volatile.Read(ref _slots[slot ^ 1]);
            if (entry is null || !entry.Is(scope, method, status))
            {
                return null;
            }
        }

        return entry.Generation == generation ? entry.Series : null;
    }

    /// <summary>Whether <see cref="Offer"/> would keep series for this key now (one of its slots is free or stale): ask before making them.</summary>
    public bool HasRoomFor(object scope, string method, int status) => FreeSlot(Slot(scope, method, status), Generation) >= 0;

    /// <summary>Keeps <paramref name="series"/>, looked up after <paramref name="generation"/> was read, for this key, if one of its slots is free or stale.</summary>
    public void Offer(object scope, string method, int status, long generation, TSeries series)
    {
        var slot = FreeSlot(Slot(scope, method, status), Generation);
        if (slot >= 0)
        {
            Volatile.Write(ref _slots[slot], new Entry(scope, method, status, generation, series));
        }
    }

    private int FreeSlot(int slot, long generation)
    {
        var entry = Volatile.Read(ref _slots[slot]);
        if (entry is null || entry.Generation != generation)
        {
            return slot;
        }

        entry = Volatile.Read(ref _slots[slot ^ 1]);
        return entry is null || entry.Generation != generation ? slot ^ 1 : -1;
    }

    // The high bits of a multiplicative hash: status codes that differ by a multiple of the table size (200, 400)
    // land apart, which the low bits alone would not do.
    private int Slot(object scope, string method, int status) =>
        (int)((uint)((RuntimeHelpers.GetHashCode(scope) * 31 + RuntimeHelpers.GetHashCode(method)) * 31 + status) * 0x9E3779B1u >> _shift);

    private sealed class Entry(object scope, string method, int status, long generation, TSeries series)
    {
        public long Generation { get; } = generation;

        public TSeries Series { get; } = series;

        public bool Is(object otherScope, string otherMethod, int otherStatus) =>
            status == otherStatus && ReferenceEquals(method, otherMethod) && ReferenceEquals(scope, otherScope);
    }
}
