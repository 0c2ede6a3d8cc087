namespace Instrumentation.TestSupport.PrometheusProtobuf;

/// <summary>One <c>io.prometheus.client.MetricFamily</c> as read off the wire; null where a field was absent.</summary>
public sealed record DecodedFamily(string? Name, string? Help, int? Type, string? Unit, IReadOnlyList<DecodedMetric> Metrics)
{
    public const int Counter = 0;
    public const int Gauge = 1;
    public const int Summary = 2;
    public const int Untyped = 3;
    public const int Histogram = 4;
}

/// <summary>One <c>Metric</c>: its labels in wire order and whichever value message it carried.</summary>
public sealed record DecodedMetric(
    IReadOnlyList<KeyValuePair<string, string>> Labels,
    double? Gauge,
    DecodedCounter? Counter,
    DecodedSummary? Summary,
    double? Untyped,
    DecodedHistogram? Histogram,
    long? TimestampMs)
{
    /// <summary>The value of label <paramref name="name"/>; throws when it is absent.</summary>
    public string Label(string name) => Labels.Single(l => l.Key == name).Value;
}

/// <summary>A <c>google.protobuf.Timestamp</c>.</summary>
public sealed record DecodedTimestamp(long Seconds, int Nanos)
{
    public double UnixSeconds => Seconds + (Nanos / 1e9);
}

public sealed record DecodedExemplar(IReadOnlyList<KeyValuePair<string, string>> Labels, double? Value, DecodedTimestamp? Timestamp);

public sealed record DecodedCounter(double? Value, DecodedExemplar? Exemplar, DecodedTimestamp? Created);

public sealed record DecodedQuantile(double? Quantile, double? Value);

public sealed record DecodedSummary(ulong? SampleCount, double? SampleSum, IReadOnlyList<DecodedQuantile> Quantiles, DecodedTimestamp? Created);

public sealed record DecodedBucket(ulong? CumulativeCount, double? CumulativeCountFloat, double? UpperBound, DecodedExemplar? Exemplar);

public sealed record DecodedSpan(int? Offset, uint? Length);

public sealed record DecodedHistogram(
    ulong? SampleCount,
    double? SampleCountFloat,
    double? SampleSum,
    IReadOnlyList<DecodedBucket> Buckets,
    DecodedTimestamp? Created,
    int? Schema,
    double? ZeroThreshold,
    ulong? ZeroCount,
    double? ZeroCountFloat,
    IReadOnlyList<DecodedSpan> NegativeSpans,
    IReadOnlyList<long> NegativeDeltas,
    IReadOnlyList<double> NegativeCounts,
    IReadOnlyList<DecodedSpan> PositiveSpans,
    IReadOnlyList<long> PositiveDeltas,
    IReadOnlyList<double> PositiveCounts,
    IReadOnlyList<DecodedExemplar> Exemplars);
