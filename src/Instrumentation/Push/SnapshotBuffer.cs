namespace Instrumentation.Push;

/// <summary>
/// The bounded queue of snapshots a pusher has not delivered yet, oldest first. When it is full, adding
/// drops the oldest, and says so (the caller counts it as lost). Thread-safe.
/// </summary>
/// <remarks>
/// With <c>latestOnly</c> (the Pushgateway, where each push replaces the group, so only the latest
/// snapshot matters) it holds at most one snapshot: a newer one supersedes what is waiting, and a
/// snapshot put back after a failed send is discarded if a newer one arrived meanwhile. A superseded
/// snapshot is not lost, so it is never reported as dropped.
/// </remarks>
internal sealed class SnapshotBuffer
{
    private readonly LinkedList<PendingSnapshot> _snapshots = new();
    private readonly Lock _lock = new();
    private readonly bool _latestOnly;

    public SnapshotBuffer(int capacity, bool latestOnly = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = latestOnly ? 1 : capacity;
        _latestOnly = latestOnly;
    }

    public int Capacity { get; }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _snapshots.Count;
            }
        }
    }

    /// <summary>Adds the newest snapshot; returns how many old ones were dropped to make room (0 or 1; superseded ones are not counted).</summary>
    public int Add(PendingSnapshot snapshot)
    {
        lock (_lock)
        {
            if (_latestOnly)
            {
                _snapshots.Clear();
            }

            _snapshots.AddLast(snapshot);
            return TrimOldest();
        }
    }

    /// <summary>Takes the oldest snapshot out, to send it.</summary>
    public bool TryTake(out PendingSnapshot snapshot)
    {
        lock (_lock)
        {
            var first = _snapshots.First;
            if (first is null)
            {
                snapshot = null!;
                return false;
            }

            _snapshots.RemoveFirst();
            snapshot = first.Value;
            return true;
        }
    }

    /// <summary>
    /// Puts back a snapshot that could not be sent, as the oldest; if newer ones filled the buffer
    /// meanwhile, it is the one dropped (or, latest only, superseded). Returns how many were dropped (0 or 1).
    /// </summary>
    public int PutBack(PendingSnapshot snapshot)
    {
        lock (_lock)
        {
            if (_latestOnly && _snapshots.Count > 0)
            {
                return 0;
            }

            _snapshots.AddFirst(snapshot);
            return TrimOldest();
        }
    }

    private int TrimOldest()
    {
        if (_snapshots.Count <= Capacity)
        {
            return 0;
        }

        _snapshots.RemoveFirst();
        return 1;
    }
}
