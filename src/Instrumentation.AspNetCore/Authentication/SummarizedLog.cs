namespace Instrumentation.AspNetCore.Authentication;

/// <summary>
/// Decides, for one kind of event a client can cause at will (a refusal), whether this occurrence gets the summary
/// line (at most one per interval, carrying the count since the last one) or only a debug line, so a flood of
/// requests cannot flood the log. Thread-safe and lock-free.
/// </summary>
internal sealed class SummarizedLog(TimeProvider time, TimeSpan interval)
{
    private long _sinceSummary;
    private long _lastSummaryTicks;

    /// <summary>
    /// Counts one occurrence; true (with the occurrences since the last summary, this one included) when it is the
    /// one to log as the summary.
    /// </summary>
    public bool TryTakeSummary(out long count)
    {
        count = Interlocked.Increment(ref _sinceSummary);
        var now = time.GetUtcNow().UtcTicks;
        var last = Volatile.Read(ref _lastSummaryTicks);
        if ((last == 0 || now - last >= interval.Ticks)
            && Interlocked.CompareExchange(ref _lastSummaryTicks, now, last) == last)
        {
            Interlocked.Add(ref _sinceSummary, -count);
            return true;
        }

        return false;
    }
}
