using System.Diagnostics;
using Instrumentation.Collection;

namespace Instrumentation.Instruments;

/// <summary>
/// Takes an exemplar from <see cref="Activity.Current"/> when it is recorded, at most once per
/// <see cref="MinimumInterval"/> per slot, so a hot series does not allocate on every call.
/// </summary>
internal static class ExemplarSampler
{
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromMilliseconds(100);

    private static readonly long IntervalTicks = (long)(MinimumInterval.TotalSeconds * Stopwatch.Frequency);

    /// <summary>Returns a new exemplar for <paramref name="value"/>, or null when there is no recorded activity or the slot sampled recently.</summary>
    public static Exemplar? TrySample(double value, ref long nextAllowedTimestamp, TimeProvider time)
    {
        var activity = Activity.Current;
        if (activity is null || !activity.Recorded)
        {
            return null;
        }

        var now = Stopwatch.GetTimestamp();
        var next = Volatile.Read(ref nextAllowedTimestamp);
        if (now < next || Interlocked.CompareExchange(ref nextAllowedTimestamp, now + IntervalTicks, next) != next)
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
