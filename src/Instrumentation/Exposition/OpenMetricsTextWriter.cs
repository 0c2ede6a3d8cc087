using System.Buffers;
using Instrumentation.Collection;

namespace Instrumentation.Exposition;

/// <summary>
/// Writes OpenMetrics 1.0.0 text: <c># TYPE</c>, <c># UNIT</c> and <c># HELP</c> per family, counters as
/// family <c>name</c> with <c>name_total</c> samples, <c>_created</c> for counters, histograms and
/// summaries, exemplars on counters and histogram buckets, and <c># EOF</c> from <see cref="ExpositionWriter.Complete"/>.
/// </summary>
/// <remarks>
/// <c>le</c> and <c>quantile</c> values are canonical numbers (<c>1.0</c>, <c>0.005</c>, <c>+Inf</c>).
/// A <c># UNIT</c> line is written only when the family name ends with <c>_</c> and the unit, as the
/// specification requires (Prometheus rejects the scrape otherwise). A histogram with a negative bucket
/// bound has no <c>_sum</c> or <c>_count</c> (the specification forbids the sum there, and the count
/// goes with it), and neither has one whose sum is negative or NaN. A summary leaves out a negative or NaN
/// <c>_sum</c> and negative quantile values. An exemplar whose labels exceed the 128-character limit is left out.
/// </remarks>
public sealed class OpenMetricsTextWriter : ExpositionWriter
{
    /// <summary>Creates a writer appending to <paramref name="output"/>, which it does not own.</summary>
    public OpenMetricsTextWriter(IBufferWriter<byte> output)
        : base(output)
    {
    }

    /// <inheritdoc />
    public override ExpositionFormat Format => ExpositionFormat.OpenMetrics;

    private protected override void WriteHeader(MetricFamilyDescriptor family)
    {
        Output.WriteRaw("# TYPE "u8);
        Output.WriteName(family.Name);
        Output.WriteRaw(family.Type switch
        {
            MetricType.Counter => " counter\n"u8,
            MetricType.Gauge => " gauge\n"u8,
            MetricType.Histogram => " histogram\n"u8,
            _ => " summary\n"u8,
        });

        if (SeriesRules.HasUnitSuffix(family.Name, family.Unit))
        {
            Output.WriteRaw("# UNIT "u8);
            Output.WriteName(family.Name);
            Output.WriteByte((byte)' ');
            Output.WriteName(family.Unit);
            Output.WriteByte((byte)'\n');
        }

        if (family.Help.Length > 0)
        {
            Output.WriteRaw("# HELP "u8);
            Output.WriteName(family.Name);
            Output.WriteByte((byte)' ');
            Output.WriteEscapedQuoted(family.Help);
            Output.WriteByte((byte)'\n');
        }
    }

    private protected override void WriteCounterSeries(MetricFamilyDescriptor family, MetricLabels labels, double value, double createdUnixSeconds, Exemplar? exemplar)
    {
        WriteSeriesName("_total"u8);
        Output.WriteFloat(value, FloatStyle.General);
        WriteExemplar(exemplar);
        Output.WriteByte((byte)'\n');
        WriteCreated(createdUnixSeconds);
    }

    private protected override void WriteHistogramSeries(MetricFamilyDescriptor family, MetricLabels labels, HistogramPoint point)
    {
        var bounds = point.UpperBounds;
        var counts = point.CumulativeCounts;
        var exemplars = point.Exemplars;
        Text.SetBounds("le"u8, bounds, FloatStyle.Canonical, withInfinity: true);
        for (var i = 0; i <= bounds.Length; i++)
        {
            WriteSeriesName("_bucket"u8, Text.Bound(i));
            Output.WriteInteger(counts[i]);
            WriteExemplar(i < exemplars.Length ? exemplars[i] : null);
            Output.WriteByte((byte)'\n');
        }

        // _sum is a counter in OpenMetrics: it is left out when negative observations are possible (a negative
        // bound) or happened (a negative or NaN sum), and _count goes with it (the format pairs them).
        if ((bounds.Length == 0 || bounds[0] >= 0) && point.Sum >= 0 && !HasNegativeObservations(point.Native))
        {
            WriteSample("_sum"u8, point.Sum);
            WriteSample("_count"u8, point.Count);
        }

        WriteCreated(point.CreatedUnixSeconds);
    }

    /// <summary>True when a native histogram counted a negative observation (its negative buckets are not all empty).</summary>
    private static bool HasNegativeObservations(NativeHistogramBuckets native)
    {
        foreach (var count in native.NegativeCounts)
        {
            if (count > 0)
            {
                return true;
            }
        }

        return false;
    }

    private protected override void WriteSummarySeries(MetricFamilyDescriptor family, MetricLabels labels, SummaryPoint point)
    {
        // Quantile values and _sum must not be negative in OpenMetrics (NaN quantiles, an empty window, are fine).
        WriteQuantileLines(point, FloatStyle.Canonical, skipNegative: true);
        if (point.Sum >= 0)
        {
            WriteSample("_sum"u8, point.Sum);
        }

        WriteSample("_count"u8, point.Count);
        WriteCreated(point.CreatedUnixSeconds);
    }

    private protected override void WriteEnd() => Output.WriteRaw("# EOF\n"u8);

    /// <summary>Writes <c>name_created{labels} seconds</c> for the current series when the source knows the creation time.</summary>
    private void WriteCreated(double createdUnixSeconds)
    {
        if (!(createdUnixSeconds > 0) || !double.IsFinite(createdUnixSeconds))
        {
            return;
        }

        WriteSeriesName("_created"u8);
        Output.WriteFloat(createdUnixSeconds, FloatStyle.Timestamp);
        Output.WriteByte((byte)'\n');
    }

    /// <summary>Writes <c> # {trace_id="...",span_id="..."} value timestamp</c> after a sample value.</summary>
    private void WriteExemplar(Exemplar? exemplar)
    {
        if (exemplar is null || !SeriesRules.FitsExemplarLabelLimit(exemplar))
        {
            return;
        }

        Output.WriteRaw(" # {trace_id=\""u8);
        Output.WriteEscapedQuoted(exemplar.TraceId);
        Output.WriteRaw("\",span_id=\""u8);
        Output.WriteEscapedQuoted(exemplar.SpanId);
        Output.WriteRaw("\"} "u8);
        Output.WriteFloat(exemplar.Value, FloatStyle.Canonical);
        if (exemplar.TimestampUnixSeconds > 0 && double.IsFinite(exemplar.TimestampUnixSeconds))
        {
            Output.WriteByte((byte)' ');
            Output.WriteFloat(exemplar.TimestampUnixSeconds, FloatStyle.Timestamp);
        }
    }
}
