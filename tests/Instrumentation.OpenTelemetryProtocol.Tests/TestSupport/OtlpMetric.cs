namespace Instrumentation.OpenTelemetryProtocol.Tests.TestSupport;

/// <summary>The kind of an OTLP metric, by the field of <c>Metric</c> that carries its data.</summary>
internal enum OtlpMetricKind
{
    Gauge,
    Sum,
    Histogram,
    Other,
}

/// <summary>One data point as decoded: attributes, and either a number or a histogram's count and sum.</summary>
internal sealed record OtlpPoint(IReadOnlyDictionary<string, string> Attributes, double? Value, ulong Count, double Sum, IReadOnlyList<ulong> BucketCounts, IReadOnlyList<double> Bounds);

/// <summary>One metric as decoded from an export request, with its resource's attributes and the scope (meter) it came from.</summary>
internal sealed record OtlpMetric(IReadOnlyDictionary<string, string> Resource, string Scope, string Name, string Unit, OtlpMetricKind Kind, bool IsMonotonic, IReadOnlyList<OtlpPoint> Points);
