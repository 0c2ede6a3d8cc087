using System.Diagnostics;

namespace Instrumentation.Collection;

/// <summary>
/// Implemented by a visitor whose collection must be done by a deadline: a scrape whose client gives up after a
/// timeout (Prometheus' <c>X-Prometheus-Scrape-Timeout-Seconds</c>). A source that waits for something, such as a
/// gauge callback, waits no later than <see cref="DeadlineTimestamp"/>, and not at all once it has passed.
/// </summary>
/// <remarks>
/// Sources test the visitor they are given for this interface, so <see cref="IMetricsVisitor"/> stays as it is;
/// a visitor that does not implement it sets no deadline.
/// </remarks>
internal interface ICollectionDeadline
{
    /// <summary>The <see cref="DeadlineTimestamp"/> of a collection without a deadline.</summary>
    const long None = long.MaxValue;

    /// <summary>The deadline as a <see cref="Stopwatch.GetTimestamp"/> value, or <see cref="None"/>.</summary>
    long DeadlineTimestamp { get; }

    /// <summary>Returns the deadline of <paramref name="visitor"/>'s collection, or <see cref="None"/>.</summary>
    static long Of(IMetricsVisitor visitor) => visitor is ICollectionDeadline bounded ? bounded.DeadlineTimestamp : None;

    /// <summary>
    /// Returns the timestamp <paramref name="timeout"/> after <paramref name="start"/> (both as
    /// <see cref="Stopwatch.GetTimestamp"/> values), or <see cref="None"/> when that is beyond the timestamp range.
    /// </summary>
    static long After(long start, TimeSpan timeout)
    {
        var ticks = timeout.TotalSeconds * Stopwatch.Frequency;
        return ticks >= None - start ? None : start + (long)ticks;
    }
}
