namespace Instrumentation.Push;

/// <summary>
/// Exponential backoff with "equal jitter": the delay before retry <c>n</c> (1-based) is
/// <c>min(max, base x 2^(n-1))</c>, of which the upper half is random. The random half spreads the
/// retries of many instances after a shared outage; the fixed half keeps a floor under each delay.
/// </summary>
internal static class RetryBackoff
{
    /// <param name="retry">The retry number, 1 for the first retry.</param>
    /// <param name="baseDelay">The delay before the first retry, before jitter.</param>
    /// <param name="maxDelay">The cap, before jitter.</param>
    /// <param name="jitter">A sample in [0, 1).</param>
    public static TimeSpan Delay(int retry, TimeSpan baseDelay, TimeSpan maxDelay, double jitter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retry, 1);
        var exponent = Math.Min(retry - 1, 30);
        var ceiling = Math.Min(maxDelay.Ticks, baseDelay.Ticks * (double)(1L << exponent));
        return TimeSpan.FromTicks((long)(ceiling * (0.5 + (0.5 * jitter))));
    }
}
