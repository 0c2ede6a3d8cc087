namespace Instrumentation.TestSupport;

/// <summary>
/// Timers on the manual clock: <see cref="CreateTimer"/> (and so <c>Task.Delay</c> and
/// <c>PeriodicTimer</c> given this provider) fire only when <see cref="Advance"/> moves the clock past
/// their due time, or <see cref="AdvanceToNextTimer"/> (and <see cref="RunAsync"/>) to it, synchronously on
/// the thread that moves it. A timer due now fires as it is created.
/// </summary>
public sealed partial class ManualTimeProvider
{
    private readonly List<ManualTimer> _timers = [];
    private readonly Lock _timersLock = new();

    /// <summary>How many timers are scheduled (created, not disposed, not disabled).</summary>
    public int ActiveTimers
    {
        get
        {
            lock (_timersLock)
            {
                return _timers.Count(t => t.DueTicks is not null);
            }
        }
    }

    private bool HasTimers
    {
        get
        {
            lock (_timersLock)
            {
                return _timers.Count > 0;
            }
        }
    }

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new ManualTimer(this, callback, state);
        lock (_timersLock)
        {
            _timers.Add(timer);
        }

        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>
    /// Moves the clock to the earliest scheduled timer (not back, if it is overdue) and fires it; false when
    /// no timer is scheduled.
    /// </summary>
    public bool AdvanceToNextTimer()
    {
        var next = EarliestTimer(dueBy: long.MaxValue);
        if (next is null)
        {
            return false;
        }

        SetUtcNow(new DateTimeOffset(Math.Max(next.DueTicks!.Value, Now.UtcTicks), TimeSpan.Zero));
        next.Fire();
        return true;
    }

    /// <summary>
    /// Drives <paramref name="task"/> to completion by firing the next timer whenever it waits on one (a
    /// <c>Task.Delay</c> or a timeout on this clock), for at most 10 seconds of real time.
    /// </summary>
    /// <exception cref="TimeoutException">The task did not complete within 10 seconds of real time.</exception>
    public async Task<T> RunAsync<T>(Task<T> task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!task.IsCompleted)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The task did not complete within 10 s of real time.");
            }

            // Real time lets the task reach its next wait before the clock moves.
            await Task.Delay(5).ConfigureAwait(false);
            if (!task.IsCompleted)
            {
                AdvanceToNextTimer();
            }
        }

        return await task.ConfigureAwait(false);
    }

    private ManualTimer? EarliestTimer(long dueBy)
    {
        ManualTimer? next = null;
        lock (_timersLock)
        {
            foreach (var timer in _timers)
            {
                if (timer.DueTicks is { } due && due <= dueBy && (next is null || due < next.DueTicks))
                {
                    next = timer;
                }
            }
        }

        return next;
    }

    private void AdvanceFiringTimers(DateTimeOffset target)
    {
        while (true)
        {
            var next = EarliestTimer(dueBy: target.UtcTicks);
            if (next is null)
            {
                break;
            }

            SetUtcNow(new DateTimeOffset(Math.Max(next.DueTicks!.Value, Now.UtcTicks), TimeSpan.Zero));
            next.Fire();
        }

        // A timer callback may have moved the clock past the target itself: time never goes back.
        if (target > Now)
        {
            SetUtcNow(target);
        }
    }

    private void Remove(ManualTimer timer)
    {
        lock (_timersLock)
        {
            _timers.Remove(timer);
        }
    }

    private sealed class ManualTimer(ManualTimeProvider clock, TimerCallback callback, object? state) : ITimer
    {
        private long? _dueTicks;
        private long _periodTicks;

        public long? DueTicks
        {
            get
            {
                lock (this)
                {
                    return _dueTicks;
                }
            }
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (this)
            {
                _dueTicks = dueTime == Timeout.InfiniteTimeSpan ? null : clock.Now.UtcTicks + dueTime.Ticks;
                _periodTicks = period == Timeout.InfiniteTimeSpan ? 0 : period.Ticks;
            }

            if (dueTime == TimeSpan.Zero)
            {
                Fire();
            }

            return true;
        }

        public void Fire()
        {
            lock (this)
            {
                if (_dueTicks is null)
                {
                    return;
                }

                _dueTicks = _periodTicks > 0 ? _dueTicks + _periodTicks : null;
            }

            callback(state);
        }

        public void Dispose()
        {
            lock (this)
            {
                _dueTicks = null;
            }

            clock.Remove(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
