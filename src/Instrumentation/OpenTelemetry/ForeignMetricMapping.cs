using Instrumentation.Collection;
using OpenTelemetry.Metrics;
using OtelMetricType = OpenTelemetry.Metrics.MetricType;
using PromMetricType = Instrumentation.Collection.MetricType;

namespace Instrumentation.OpenTelemetry;

/// <summary>
/// How one OpenTelemetry metric stream reads as our snapshot model: its Prometheus family descriptor and
/// which <see cref="MetricPoint"/> accessor holds its value. Computed once per stream and cached.
/// </summary>
internal sealed class ForeignMetricMapping
{
    private ForeignMetricMapping(MetricFamilyDescriptor descriptor, Metric metric)
    {
        Descriptor = descriptor;
        SourceType = metric.MetricType;
        ScopeName = ScopeLabels.NameOnly(metric.MeterName);
        Scope = ScopeLabels.Of(metric);
    }

    public MetricFamilyDescriptor Descriptor { get; }

    public PromMetricType Type => Descriptor.Type;

    /// <summary><c>otel_scope_name</c> alone: what tells this stream's series apart from another meter's in a shared family.</summary>
    public ScopeLabels ScopeName { get; }

    /// <summary>Every scope label of the stream's meter, as the OpenTelemetry Prometheus exporter writes them.</summary>
    public ScopeLabels Scope { get; }

    /// <summary>The OpenTelemetry aggregation the values come from.</summary>
    public OtelMetricType SourceType { get; }

    /// <summary>True when sums and gauges are read with the <c>Long</c> accessors (and exemplars carry long values).</summary>
    public bool IsLong => SourceType.IsLong();

    /// <summary>
    /// True when the values are the SDK's running sums: counters, up-down counters, and counters known to report a
    /// level (<see cref="LevelValuedCounters"/>), which are shown as gauges.
    /// </summary>
    public bool IsSum => SourceType is OtelMetricType.LongSum or OtelMetricType.DoubleSum
        or OtelMetricType.LongSumNonMonotonic or OtelMetricType.DoubleSumNonMonotonic;

    /// <summary>True for a base-2 exponential histogram, read as a native histogram.</summary>
    public bool IsExponential => SourceType == OtelMetricType.ExponentialHistogram;

    /// <summary>Returns the mapping of <paramref name="metric"/>, or null for a stream Prometheus text cannot show.</summary>
    public static ForeignMetricMapping? Create(Metric metric)
    {
        PromMetricType type;
        switch (metric.MetricType)
        {
            case OtelMetricType.LongSum:
            case OtelMetricType.DoubleSum:
                type = LevelValuedCounters.Contains(metric.MeterName, metric.Name) ? PromMetricType.Gauge : PromMetricType.Counter;
                break;
            case OtelMetricType.LongSumNonMonotonic:
            case OtelMetricType.DoubleSumNonMonotonic:
            case OtelMetricType.LongGauge:
            case OtelMetricType.DoubleGauge:
                type = PromMetricType.Gauge;
                break;
            case OtelMetricType.Histogram:
            case OtelMetricType.ExponentialHistogram:
                // A base-2 exponential histogram (a view asked for one) is a native histogram: OpenTelemetry's
                // scale is Prometheus' schema. The text formats show its count and sum.
                type = PromMetricType.Histogram;
                break;
            default:
                return null;
        }

        var name = PrometheusNaming.ToMetricName(metric.Name, metric.Unit, type == PromMetricType.Counter);
        var unit = PrometheusNaming.ToUnit(metric.Unit);
        if (!PrometheusNaming.EndsWithUnit(name, unit))
        {
            unit = string.Empty;
        }

        var descriptor = new MetricFamilyDescriptor(name, metric.Description ?? string.Empty, unit, type);
        return new ForeignMetricMapping(descriptor, metric);
    }
}
