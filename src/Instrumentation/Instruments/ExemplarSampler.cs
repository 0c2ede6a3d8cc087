using System.Diagnostics;
using Instrumentation.Collection;

namespace Instrumentation.Instruments;

/// <summary>
/// Takes an exemplar from <see cref="Activity.Current"/> when it is recorded, at most once per
/// <see cref="MinimumInterval"/> per slot, so a hot series does not allocate on every call.
/// </summary>
/// <remarks>
/// The rate limit runs on <see cref="Environment.TickCount64"/> (milliseconds), which is several times cheaper
/// to read than <see cref="Stopwatch.GetTimestamp"/>; the exemplar's own timestamp is read only when one is
/// taken. The millisecond clock advances in steps of the system timer (1 to about 16 ms), so a reading can lag
/// the true time by up to one step: the next sample is allowed one <see cref="ClockStepAllowance"/> after the
/// interval, which keeps at least <see cref="MinimumInterval"/> between two samples of a slot (the average
/// spacing of a busy slot is the interval plus up to that allowance).
/// </remarks>
internal static class ExemplarSampler
{
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>The coarsest step of <see cref="Environment.TickCount64"/> on a supported OS (Windows' default timer, 15.6 ms).</summary>
    public static readonly TimeSpan ClockStepAllowance = TimeSpan.FromMilliseconds(16);

    private static readonly long IntervalMilliseconds = (long)(MinimumInterval + ClockStepAllowance).TotalMilliseconds;

    /// <summary>
    /// Returns a new exemplar for <paramref name="value"/>, or null when there is no recorded activity or the
    /// slot sampled recently. <paramref name="nextAllowedTick"/> is the slot: the <see cref="Environment.TickCount64"/>
    /// from which the next sample is allowed (0 for a slot never sampled).
    /// </summary>
    public static Exemplar? TrySample(double value, ref long nextAllowedTick, TimeProvider time)
    {
        var activity = Activity.Current;
        if (activity is null || !activity.Recorded)
        {
            return null;
        }

        return TrySample(activity, value, ref nextAllowedTick, time, Environment.TickCount64);
    }

    /// <summary>The rate limit and the exemplar, at the millisecond tick <paramref name="nowTick"/>: the testable part of <see cref="TrySample(double, ref long, TimeProvider)"/>.</summary>
    internal static Exemplar? TrySample(Activity activity, double value, ref long nextAllowedTick, TimeProvider time, long nowTick)
    {
        var next = Volatile.Read(ref nextAllowedTick);
        if (nowTick < next || Interlocked.CompareExchange(ref nextAllowedTick, nowTick + IntervalMilliseconds, next) != next)
        {
            return null;
        }

        return new Exemplar(
            activity.TraceId.ToHexString(),
            activity.SpanId.ToHexString(),
            value,
            time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0);
    }
}
