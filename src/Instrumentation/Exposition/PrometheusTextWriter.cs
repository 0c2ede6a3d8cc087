using System.Buffers;
using Instrumentation.Collection;

namespace Instrumentation.Exposition;

/// <summary>
/// Writes Prometheus text format 0.0.4: <c># HELP</c> and <c># TYPE</c> per family, counters as
/// <c>name_total</c> (the TYPE line too), histogram buckets with <c>le</c>, summaries with <c>quantile</c>.
/// No <c>_created</c> series and no exemplars: the format has neither.
/// </summary>
/// <remarks>Numbers are written as Go's client writes them (<c>5</c>, <c>0.25</c>, <c>1e+06</c>, <c>+Inf</c>, <c>NaN</c>).</remarks>
public sealed class PrometheusTextWriter : ExpositionWriter
{
    /// <summary>Creates a writer appending to <paramref name="output"/>, which it does not own.</summary>
    public PrometheusTextWriter(IBufferWriter<byte> output)
        : base(output)
    {
    }

    /// <inheritdoc />
    public override ExpositionFormat Format => ExpositionFormat.PrometheusText;

    private protected override void WriteHeader(MetricFamilyDescriptor family)
    {
        var suffix = family.Type == MetricType.Counter ? "_total"u8 : default;
        if (family.Help.Length > 0)
        {
            Output.WriteRaw("# HELP "u8);
            Output.WriteName(family.Name);
            Output.WriteRaw(suffix);
            Output.WriteByte((byte)' ');
            Output.WriteEscapedHelp(family.Help);
            Output.WriteByte((byte)'\n');
        }

        Output.WriteRaw("# TYPE "u8);
        Output.WriteName(family.Name);
        Output.WriteRaw(suffix);
        Output.WriteRaw(family.Type switch
        {
            MetricType.Counter => " counter\n"u8,
            MetricType.Gauge => " gauge\n"u8,
            MetricType.Histogram => " histogram\n"u8,
            _ => " summary\n"u8,
        });
    }

    private protected override void WriteCounterSeries(MetricFamilyDescriptor family, MetricLabels labels, double value, double createdUnixSeconds, Exemplar? exemplar) =>
        WriteSample("_total"u8, value);

    private protected override void WriteHistogramSeries(MetricFamilyDescriptor family, MetricLabels labels, HistogramPoint point)
    {
        var bounds = point.UpperBounds;
        var counts = point.CumulativeCounts;
        Text.SetBounds("le"u8, bounds, FloatStyle.General, withInfinity: true);
        for (var i = 0; i < bounds.Length; i++)
        {
            WriteSample("_bucket"u8, Text.Bound(i), counts[i]);
        }

        WriteSample("_bucket"u8, Text.Bound(bounds.Length), point.Count);
        WriteSample("_sum"u8, point.Sum);
        WriteSample("_count"u8, point.Count);
    }

    private protected override void WriteSummarySeries(MetricFamilyDescriptor family, MetricLabels labels, SummaryPoint point)
    {
        WriteQuantileLines(point, FloatStyle.General, skipNegative: false);

        WriteSample("_sum"u8, point.Sum);
        WriteSample("_count"u8, point.Count);
    }

    private protected override void WriteEnd()
    {
    }
}
