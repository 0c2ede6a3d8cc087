namespace Instrumentation.Collectors;

/// <summary>How one collector is scheduled; given to <c>AddCollector&lt;T&gt;(configure)</c>.</summary>
public sealed class CollectorOptions
{
    /// <summary>The interval used when none is given: 5 minutes.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The value of the <c>collector</c> label on the collector's self-metrics and the name in its logs.
    /// Null (the default) means the collector's class name.
    /// </summary>
    public string? Name { get; set; }

    /// <summary>Time between the starts of two runs. Default <see cref="DefaultInterval"/>; see <see cref="IntervalParser"/> for the string form.</summary>
    public TimeSpan Interval { get; set; } = DefaultInterval;

    /// <summary>
    /// Whether the first run starts as the host starts. Default false: the first run comes one interval
    /// after start, then one every interval.
    /// </summary>
    public bool RunAtStart { get; set; }
}
