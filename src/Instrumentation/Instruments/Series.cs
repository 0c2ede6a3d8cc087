namespace Instrumentation.Instruments;

/// <summary>
/// What every labelled series shares: its label values, its creation time and the tags under which
/// it is published to <see cref="System.Diagnostics.Metrics"/> listeners.
/// </summary>
public abstract class Series
{
    private readonly MetricFamily _family;
    private KeyValuePair<string, object?>[]? _tags;

    // Written with a plain store by every update and cleared by the collection that sweeps idle series:
    // the only cost expiry adds to the hot path.
    private int _touched;
    private long _lastActiveUtcTicks;

    private protected Series(MetricFamily family, string[] labelValues)
    {
        _family = family;
        LabelValuesArray = labelValues;

        // The overflow series carries one value more than the family has label names: otel_metric_overflow.
        LabelNamesArray = labelValues.Length == family.LabelNamesArray.Length ? family.LabelNamesArray : family.OverflowLabelNamesArray;
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
    internal string[] LabelNamesArray { get; }

    internal double CreatedUnixSeconds { get; }

    /// <summary>The series' labels as <c>System.Diagnostics.Metrics</c> tags, built on first use by a listener.</summary>
    internal KeyValuePair<string, object?>[] Tags => _tags ??= BuildTags();

    /// <summary>Whether something other than updates keeps the series alive (a gauge callback).</summary>
    private protected virtual bool IsPinned => false;

    /// <summary>
    /// True when the series had no update for <paramref name="idleTicks"/> as of <paramref name="nowTicks"/>.
    /// Called by collection only; an update seen since the last call moves the last activity to now.
    /// </summary>
    internal bool IsIdle(long nowTicks, long idleTicks)
    {
        if (Interlocked.Exchange(ref _touched, 0) != 0 || IsPinned)
        {
            Volatile.Write(ref _lastActiveUtcTicks, nowTicks);
            return false;
        }

        return nowTicks - Volatile.Read(ref _lastActiveUtcTicks) >= idleTicks;
    }

    /// <summary>Marks the series as updated, for idle expiry.</summary>
    private protected void Touch() => _touched = 1;

    private KeyValuePair<string, object?>[] BuildTags()
    {
        var names = LabelNamesArray;
        var tags = new KeyValuePair<string, object?>[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            tags[i] = new KeyValuePair<string, object?>(names[i], LabelValuesArray[i]);
        }

        return tags;
    }
}
