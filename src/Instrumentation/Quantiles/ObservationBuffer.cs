namespace Instrumentation.Quantiles;

/// <summary>
/// ObservationBuffer collects observations without a lock until a batch is full. A writer claims a slot by
/// incrementing one counter and stores its value there; an empty slot holds NaN, which no observation can be
/// (the summary rejects it), so the owner, under its lock, closes the buffer, waits until every claimed slot
/// holds a number and takes the batch. One atomic operation per observation. The clock is read once per
/// batch, by the writer of the first slot, to date the batch.
/// </summary>
internal sealed class ObservationBuffer
{
    /// <summary>The number of values in a full batch.</summary>
    public const int Capacity = 256;

    private readonly double[] _values = new double[Capacity];
    private readonly TimeProvider _timeProvider;
    private int _claimed;
    private long _startTimestamp;

    /// <summary>Creates an empty buffer that dates its batches with <paramref name="timeProvider"/>.</summary>
    public ObservationBuffer(TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        _values.AsSpan().Fill(double.NaN);
    }

    /// <summary>True when every slot is claimed (or the buffer is closed): <see cref="TryAdd"/> fails until it is drained.</summary>
    public bool IsFull => Volatile.Read(ref _claimed) >= Capacity;

    /// <summary>The approximate heap size of the buffer.</summary>
    public int EstimatedBytes => MemoryEstimate.Object(fieldBytes: 32) + MemoryEstimate.Array(_values);

    /// <summary>
    /// TryAdd stores <paramref name="value"/>, which must not be NaN, and returns true, or returns false when
    /// the buffer is full. Thread safe and lock free; it allocates nothing.
    /// </summary>
    public bool TryAdd(double value)
    {
        int slot = Interlocked.Increment(ref _claimed) - 1;
        if ((uint)slot >= Capacity)
        {
            return false;
        }

        if (slot == 0)
        {
            // The value is stored after the timestamp (a release store, so Close sees both), and stored even if
            // a custom TimeProvider throws, or Close would wait forever for the slot.
            try
            {
                _startTimestamp = _timeProvider.GetTimestamp();
            }
            finally
            {
                Volatile.Write(ref _values[0], value);
            }

            return true;
        }

        Volatile.Write(ref _values[slot], value);
        return true;
    }

    /// <summary>
    /// Close stops new claims, waits until every claimed slot is written and returns the batch (possibly empty)
    /// and the timestamp of its first value. The span stays valid, and may be reordered, until <see cref="Reopen"/>.
    /// The caller must hold the owner's lock; the only one that blocks here is that caller.
    /// </summary>
    public Span<double> Close(out long startTimestamp)
    {
        // Writers that claim from now on see a full buffer and queue on the owner's lock.
        int claimed = Math.Min(Interlocked.Exchange(ref _claimed, Capacity), Capacity);
        for (int i = 0; i < claimed; i++)
        {
            if (double.IsNaN(Volatile.Read(ref _values[i])))
            {
                // A writer has claimed the slot but not stored yet: rare, so the wait is out of line.
                WaitForSlot(i);
            }
        }

        startTimestamp = Volatile.Read(ref _startTimestamp);
        return _values.AsSpan(0, claimed);
    }

    /// <summary>Reopen empties a closed buffer for the next batch. The caller must hold the owner's lock.</summary>
    public void Reopen()
    {
        // Close waited for every claimed slot, and no writer can claim one until the count is reset, so the
        // slots are emptied before that (release) store hands them out again.
        _values.AsSpan().Fill(double.NaN);
        Volatile.Write(ref _claimed, 0);
    }

    private void WaitForSlot(int slot)
    {
        var spin = default(SpinWait);
        while (double.IsNaN(Volatile.Read(ref _values[slot])))
        {
            spin.SpinOnce();
        }
    }
}
