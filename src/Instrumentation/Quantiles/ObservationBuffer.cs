namespace Instrumentation.Quantiles;

/// <summary>
/// ObservationBuffer collects observations without a lock until a batch is full. A writer claims a slot by
/// incrementing one counter and, once the value is stored, increments a second one; the owner, under its
/// lock, closes the buffer, waits until every claimed slot is written and takes the batch. The clock is read
/// once per batch, by the writer of the first slot, to date the batch.
/// </summary>
internal sealed class ObservationBuffer
{
    /// <summary>The number of values in a full batch.</summary>
    public const int Capacity = 256;

    private readonly double[] _values = new double[Capacity];
    private readonly TimeProvider _timeProvider;
    private int _claimed;
    private int _written;
    private long _startTimestamp;

    /// <summary>Creates an empty buffer that dates its batches with <paramref name="timeProvider"/>.</summary>
    public ObservationBuffer(TimeProvider timeProvider) => _timeProvider = timeProvider;

    /// <summary>True when every slot is claimed (or the buffer is closed): <see cref="TryAdd"/> fails until it is drained.</summary>
    public bool IsFull => Volatile.Read(ref _claimed) >= Capacity;

    /// <summary>The approximate heap size of the buffer.</summary>
    public int EstimatedBytes => MemoryEstimate.Object(fieldBytes: 32) + MemoryEstimate.Array(_values);

    /// <summary>
    /// TryAdd stores <paramref name="value"/> and returns true, or returns false when the buffer is full.
    /// Thread safe and lock free; it allocates nothing.
    /// </summary>
    public bool TryAdd(double value)
    {
        int slot = Interlocked.Increment(ref _claimed) - 1;
        if ((uint)slot >= Capacity)
        {
            return false;
        }

        _values[slot] = value;
        if (slot == 0)
        {
            // The slot must count as written even if a custom TimeProvider throws, or Close would wait forever.
            try
            {
                _startTimestamp = _timeProvider.GetTimestamp();
            }
            finally
            {
                Interlocked.Increment(ref _written);
            }

            return true;
        }

        Interlocked.Increment(ref _written);
        return true;
    }

    /// <summary>
    /// Close stops new claims, waits until every claimed slot is written and returns the batch (possibly empty)
    /// and the timestamp of its first value. The span stays valid until <see cref="Reopen"/>.
    /// The caller must hold the owner's lock; the only one that blocks here is that caller.
    /// </summary>
    public Span<double> Close(out long startTimestamp)
    {
        // Writers that claim from now on see a full buffer and queue on the owner's lock.
        int claimed = Math.Min(Interlocked.Exchange(ref _claimed, Capacity), Capacity);
        var spin = default(SpinWait);
        while (Volatile.Read(ref _written) < claimed)
        {
            spin.SpinOnce();
        }

        startTimestamp = _startTimestamp;
        return _values.AsSpan(0, claimed);
    }

    /// <summary>Reopen empties a closed buffer for the next batch. The caller must hold the owner's lock.</summary>
    public void Reopen()
    {
        // Written first: a writer that claims slot 0 after the second store must find the count at zero.
        Volatile.Write(ref _written, 0);
        Volatile.Write(ref _claimed, 0);
    }
}
