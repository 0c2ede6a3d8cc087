namespace Instrumentation.Collection;

/// <summary>The kind of a metric family, as Prometheus and OpenMetrics name it.</summary>
public enum MetricType
{
    /// <summary>A monotonically increasing total, exposed with the <c>_total</c> suffix.</summary>
    Counter,

    /// <summary>A value that goes up and down.</summary>
    Gauge,

    /// <summary>Observations counted into cumulative buckets, with a sum and a count.</summary>
    Histogram,

    /// <summary>Observations summarised as quantiles over a sliding window, with a sum and a count.</summary>
    Summary,
}
