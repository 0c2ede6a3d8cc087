namespace Instrumentation.Tests.TestSupport;

/// <summary>
/// A clock with timers that fire only when a test moves time: what <c>Task.Delay(delay, provider)</c>,
/// <c>new CancellationTokenSource(delay, provider)</c> and <c>PeriodicTimer</c> wait on. Thread safe.
/// </summary>
public sealed class FakeTimeProvider : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<FakeTimer> _timers = [];
    private DateTimeOffset _now = ManualTimeProvider.Reference;

    /// <summary>How far the clock has been moved in total.</summary>
    public TimeSpan Elapsed => GetUtcNow() - ManualTimeProvider.Reference;

    /// <summary>How many timers are waiting to fire.</summary>
    public int PendingTimers
    {
        get
        {
            lock (_lock)
            {
                return _timers.Count(static t => t.DueAt is not null);
            }
        }
    }

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    /// <inheritdoc />
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc />
    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new FakeTimer(this, callback, state);
        lock (_lock)
        {
            _timers.Add(timer);
        }

        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock to the earliest pending timer and fires it; false when none is pending.</summary>
    public bool AdvanceToNextTimer()
    {
        FakeTimer? next;
        lock (_lock)
        {
            next = _timers.Where(static t => t.DueAt is not null).MinBy(static t => t.DueAt);
            if (next is null)
            {
                return false;
            }

            if (next.DueAt > _now)
            {
                _now = next.DueAt!.Value;
            }

            next.Rearm(_now);
        }

        next.Fire();
        return true;
    }

    /// <summary>
    /// Drives <paramref name="task"/> to completion by firing timers whenever it waits on one, for at most
    /// a few seconds of real time.
    /// </summary>
    public async Task<T> RunAsync<T>(Task<T> task)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!task.IsCompleted)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The task did not complete within 10 s of real time.");
            }

            await Task.Delay(5);
            if (!task.IsCompleted)
            {
                AdvanceToNextTimer();
            }
        }

        return await task;
    }

    private void Remove(FakeTimer timer)
    {
        lock (_lock)
        {
            _timers.Remove(timer);
        }
    }

    private sealed class FakeTimer(FakeTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public DateTimeOffset? DueAt { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._lock)
            {
                _period = period;
                DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : owner._now + dueTime;
            }

            return true;
        }

        /// <summary>Called under the owner's lock when the timer fires.</summary>
        public void Rearm(DateTimeOffset now) =>
            DueAt = _period == Timeout.InfiniteTimeSpan || _period == TimeSpan.Zero ? null : now + _period;

        public void Fire() => callback(state);

        public void Dispose() => owner.Remove(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
