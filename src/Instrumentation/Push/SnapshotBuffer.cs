namespace Instrumentation.Push;

/// <summary>
/// The bounded queue of snapshots a pusher has not delivered yet, oldest first. When it is full, adding
/// drops the oldest. Thread-safe.
/// </summary>
internal sealed class SnapshotBuffer
{
    private readonly LinkedList<PendingSnapshot> _snapshots = new();
    private readonly Lock _lock = new();

    public SnapshotBuffer(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
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

    /// <summary>Adds the newest snapshot; returns how many old ones were dropped to make room (0 or 1).</summary>
    public int Add(PendingSnapshot snapshot)
    {
        lock (_lock)
        {
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
    /// meanwhile, it is the one dropped. Returns how many were dropped (0 or 1).
    /// </summary>
    public int PutBack(PendingSnapshot snapshot)
    {
        lock (_lock)
        {
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
