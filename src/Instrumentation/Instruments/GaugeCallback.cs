using System.Diagnostics;
using Instrumentation.Collection;

namespace Instrumentation.Instruments;

/// <summary>
/// A gauge callback run with a time budget: each read runs it on a thread of its own and waits at most the
/// budget, so a callback that hangs cannot hang the collecting thread. While an invocation is still
/// running, no other one is started; later reads wait only for what is left of its budget, then give up.
/// A collection with a deadline (a scrape with a timeout) waits no later than that deadline.
/// </summary>
/// <remarks>
/// Each invocation costs a task and a short-lived thread (tens of microseconds): collections pay for
/// that, instrument updates never do.
/// </remarks>
internal sealed class GaugeCallback(Func<double> callback)
{
    private readonly Lock _gate = new();
    private Task<double>? _running;
    private long _startedAt;

    /// <summary>
    /// Reads the callback's value. Returns false with <paramref name="error"/> set when it threw, and
    /// false with <paramref name="error"/> null when it did not return within <paramref name="budget"/>
    /// (counted from when the running invocation started) or by <paramref name="deadline"/> (a
    /// <see cref="Stopwatch.GetTimestamp"/> value, or <see cref="ICollectionDeadline.None"/>). Once the deadline
    /// has passed, no invocation is started and none is waited for.
    /// </summary>
    public bool TryRead(TimeSpan budget, long deadline, out double value, out Exception? error)
    {
        Task<double> task;
        long startedAt;
        lock (_gate)
        {
            if (_running is null || _running.IsCompleted)
            {
                var now = Stopwatch.GetTimestamp();
                if (now >= deadline)
                {
                    // Starting it would cost a thread for a value this collection can no longer use.
                    value = double.NaN;
                    error = null;
                    return false;
                }

                _startedAt = now;
                // LongRunning gives the call a thread of its own: a thread-pool work item could wait for a
                // free worker longer than the budget when the pool is starved (a scrape thread blocking
                // here is one of its workers), and would time out through no fault of the callback.
                _running = Task.Factory.StartNew(
                    callback,
                    CancellationToken.None,
                    TaskCreationOptions.LongRunning | TaskCreationOptions.DenyChildAttach,
                    TaskScheduler.Default);
            }

            task = _running;
            startedAt = _startedAt;
        }

        if (!task.IsCompleted)
        {
            var now = Stopwatch.GetTimestamp();
            var remaining = budget - Stopwatch.GetElapsedTime(startedAt, now);
            if (deadline != ICollectionDeadline.None)
            {
                var untilDeadline = Stopwatch.GetElapsedTime(now, deadline);
                if (untilDeadline < remaining)
                {
                    remaining = untilDeadline;
                }
            }

            // A finite timeout keeps Wait from running a not-yet-started task inline on this thread,
            // where a hanging callback would hang the collection after all.
            if (remaining <= TimeSpan.Zero || !WaitQuietly(task, remaining))
            {
                value = double.NaN;
                error = null;
                return false;
            }
        }

        if (task.IsCompletedSuccessfully)
        {
            value = task.Result;
            error = null;
            return true;
        }

        value = double.NaN;
        error = task.Exception?.InnerException ?? new TaskCanceledException(task);
        return false;
    }

    /// <summary>Waits for <paramref name="task"/>; a fault is read from the task afterwards, not thrown here.</summary>
    private static bool WaitQuietly(Task task, TimeSpan timeout)
    {
        try
        {
            return task.Wait(timeout);
        }
        catch (AggregateException)
        {
            return true;
        }
    }
}
