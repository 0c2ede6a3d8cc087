namespace Instrumentation;

/// <summary>Ready-made histogram bucket layouts for durations in seconds, chosen on <see cref="TimedAttribute.BucketPreset"/>.</summary>
public enum DurationBucketPreset
{
    /// <summary>The Prometheus defaults: .005 .01 .025 .05 .075 .1 .25 .5 .75 1 2.5 5 7.5 10.</summary>
    Default,

    /// <summary>For fast calls (in-memory work, cache hits): 0.1 ms doubling to about 3.3 s, 16 buckets.</summary>
    Fast,

    /// <summary>For slow calls (batch jobs, reports, large uploads): .1 .25 .5 1 2.5 5 10 30 60 120 300 600.</summary>
    Slow,
}
