using System.Diagnostics;
using System.Globalization;
using Instrumentation.Collection;

namespace Instrumentation.Instruments;

/// <summary>
/// What every labelled series shares: its label values, its creation time and the tags under which
/// it is published to <see cref="System.Diagnostics.Metrics"/> listeners.
/// </summary>
public abstract class Series
{
    // The last-activity slot holds this instead of a time once an update has been seen since the last sweep.
    private const long Touched = -1;

    private readonly MetricFamily _family;
    private SeriesSide? _side;

    // Updates mark it Touched; the collection that sweeps idle series turns Touched into the sweep's time.
    private long _lastActiveUtcTicks;

    private protected Series(MetricFamily family, string[] labelValues)
    {
        _family = family;
        LabelValuesArray = labelValues;
        var now = family.Factory.TimeProvider.GetUtcNow();
        _lastActiveUtcTicks = now.UtcTicks;
        CreatedUnixSeconds = now.ToUnixTimeMilliseconds() / 1000.0;
    }

    /// <summary>The label values of this series, in the order of the family's label names.</summary>
    public IReadOnlyList<string> LabelValues => LabelValuesArray;

    /// <summary>The metric family this series belongs to.</summary>
    public MetricFamily Family => _family;

    internal string[] LabelValuesArray { get; }

    /// <summary>The label names of this series: the family's, plus <c>otel_metric_overflow</c> on the overflow series.</summary>
    /// <remarks>The overflow series is the one with one value more than the family has label names.</remarks>
    internal string[] LabelNamesArray =>
        LabelValuesArray.Length == _family.LabelNamesArray.Length ? _family.LabelNamesArray : _family.OverflowLabelNamesArray;

    internal double CreatedUnixSeconds { get; }

    /// <summary>The series' labels as <c>System.Diagnostics.Metrics</c> tags, built on first use by a listener.</summary>
    internal KeyValuePair<string, object?>[] Tags => Volatile.Read(ref _side)?.Tags ?? CreateTags();

    /// <summary>Whether something other than updates keeps the series alive (a gauge callback).</summary>
    private protected virtual bool IsPinned => false;

    /// <summary>The rarely used state, or null while nothing has needed it.</summary>
    private protected SeriesSide? Side => Volatile.Read(ref _side);

    /// <summary>
    /// True when the series had no update for <paramref name="idleTicks"/> as of <paramref name="nowTicks"/>.
    /// Called by collection only; an update seen since the last call moves the last activity to now.
    /// </summary>
    internal bool IsIdle(long nowTicks, long idleTicks)
    {
        var last = Volatile.Read(ref _lastActiveUtcTicks);
        if (last == Touched || IsPinned)
        {
            // A failed exchange means an update marked the series again: the next sweep sees it.
            Interlocked.CompareExchange(ref _lastActiveUtcTicks, nowTicks, last);
            return false;
        }

        return nowTicks - last >= idleTicks;
    }

    /// <summary>Marks the series as updated, for idle expiry.</summary>
    /// <remarks>
    /// Stores only when the mark is not already there: a series updated from several cores keeps this
    /// line shared instead of every update taking it over (which would undo a counter's striping).
    /// </remarks>
    private protected void Touch()
    {
        if (_lastActiveUtcTicks != Touched)
        {
            _lastActiveUtcTicks = Touched;
        }
    }

    /// <summary>The rarely used state, allocated on first use.</summary>
    private protected SeriesSide EnsureSide() =>
        Volatile.Read(ref _side) ?? Interlocked.CompareExchange(ref _side, new SeriesSide(), null) ?? _side!;

    /// <summary>A histogram series' exemplar per bucket (+Inf last), or empty while none was sampled.</summary>
    private protected ReadOnlySpan<Exemplar?> BucketExemplars => Side is { } side ? Volatile.Read(ref side.Exemplars) : default;

    /// <summary>
    /// Offers the observation of <paramref name="value"/>, counted in bucket <paramref name="bucket"/> of a histogram
    /// series with <paramref name="bucketCount"/> buckets (+Inf included), as that bucket's exemplar; the sampler keeps
    /// at most one per interval.
    /// </summary>
    private protected void SampleBucketExemplar(Activity activity, int bucket, int bucketCount, double value)
    {
        var side = EnsureSide();
        var sampled = ExemplarSampler.TrySample(activity, value, ref side.NextExemplarTick, Family.Factory.TimeProvider, Environment.TickCount64);
        if (sampled is null)
        {
            return;
        }

        var slots = Volatile.Read(ref side.Exemplars);
        if (slots is null)
        {
            Interlocked.CompareExchange(ref side.Exemplars, new Exemplar?[bucketCount], null);
            slots = side.Exemplars!;
        }

        Volatile.Write(ref slots[bucket], sampled);
    }

    /// <summary>Refuses NaN and the infinities for a histogram or a summary (<paramref name="kind"/>), naming the metric.</summary>
    private protected void ThrowNotFinite(string kind, double value) =>
        throw new ArgumentOutOfRangeException(
            nameof(value),
            value,
            string.Create(CultureInfo.InvariantCulture, $"{kind} '{Family.Name}': cannot observe {value}; NaN or an infinity would make the sum useless for good (observe finite values only)."));

    private KeyValuePair<string, object?>[] CreateTags()
    {
        var names = LabelNamesArray;
        var tags = new KeyValuePair<string, object?>[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            tags[i] = new KeyValuePair<string, object?>(names[i], LabelValuesArray[i]);
        }

        var side = EnsureSide();
        return Interlocked.CompareExchange(ref side.Tags, tags, null) ?? tags;
    }
}
