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
        WriteSample(family.Name, "_total"u8, labels, value);

    private protected override void WriteHistogramSeries(MetricFamilyDescriptor family, MetricLabels labels, HistogramPoint point)
    {
        var bounds = point.UpperBounds;
        var counts = point.CumulativeCounts;
        for (var i = 0; i < bounds.Length; i++)
        {
            WriteSeriesName(family.Name, "_bucket"u8, labels, "le"u8, bounds[i], FloatStyle.General);
            Output.WriteInteger(counts[i]);
            Output.WriteByte((byte)'\n');
        }

        WriteSeriesName(family.Name, "_bucket"u8, labels, "le"u8, double.PositiveInfinity, FloatStyle.General);
        Output.WriteInteger(point.Count);
        Output.WriteByte((byte)'\n');
        WriteSample(family.Name, "_sum"u8, labels, point.Sum);
        WriteSample(family.Name, "_count"u8, labels, point.Count);
    }

    private protected override void WriteSummarySeries(MetricFamilyDescriptor family, MetricLabels labels, SummaryPoint point)
    {
        var quantiles = point.Quantiles;
        var values = point.Values;
        for (var i = 0; i < quantiles.Length; i++)
        {
            WriteSeriesName(family.Name, default, labels, "quantile"u8, quantiles[i], FloatStyle.General);
            Output.WriteFloat(values[i], FloatStyle.General);
            Output.WriteByte((byte)'\n');
        }

        WriteSample(family.Name, "_sum"u8, labels, point.Sum);
        WriteSample(family.Name, "_count"u8, labels, point.Count);
    }

    private protected override void WriteEnd()
    {
    }
}
