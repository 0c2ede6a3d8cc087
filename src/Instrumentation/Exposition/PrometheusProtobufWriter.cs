using System.Buffers;
using Instrumentation.Collection;

namespace Instrumentation.Exposition;

/// <summary>
/// Writes the Prometheus protobuf exposition format: each family as one <c>io.prometheus.client.MetricFamily</c>
/// message preceded by its length as a varint (<c>encoding=delimited</c>), what Prometheus asks for first when
/// its native histograms are on.
/// </summary>
/// <remarks>
/// <para>
/// Counters are named with <c>_total</c> (the family name is the series name in this format) and carry their
/// exemplar and created timestamp; gauges their value (NaN and infinities included); classic histograms
/// their sum, count and cumulative buckets up to and including +Inf, with each bucket's exemplar and the
/// created timestamp; native histograms their schema, zero threshold and count, positive and negative buckets as
/// spans with delta-encoded counts (a no-op span when there is none yet, so Prometheus reads them as native), the
/// classic buckets only when the histogram keeps classic bounds, and their timestamped exemplars; summaries their sum, count, quantiles and created timestamp. The help text is written
/// when there is one, the unit under the same rule as OpenMetrics (only when the name ends with it). An
/// exemplar whose labels exceed the OpenMetrics limit of 128 characters is left out, as in OpenMetrics.
/// </para>
/// <para>
/// A family is encoded into a buffer kept by the writer and copied to the output when it ends, with its
/// length in front; nothing is allocated per series once the buffer has grown to the largest family.
/// Label values and help text may hold any Unicode; invalid UTF-16 becomes U+FFFD.
/// </para>
/// </remarks>
public sealed class PrometheusProtobufWriter : ExpositionWriter
{
    // io.prometheus.client field numbers (metrics.proto).
    private const int FamilyName = 1;
    private const int FamilyHelp = 2;
    private const int FamilyType = 3;
    private const int FamilyMetric = 4;
    private const int FamilyUnit = 5;
    private const int MetricLabel = 1;
    private const int MetricGauge = 2;
    private const int MetricCounter = 3;
    private const int MetricSummary = 4;
    private const int MetricHistogram = 7;
    private const int LabelName = 1;
    private const int LabelValue = 2;
    private const int ValueField = 1;
    private const int CounterExemplar = 2;
    private const int CounterCreated = 3;
    private const int SummaryCount = 1;
    private const int SummarySum = 2;
    private const int SummaryQuantile = 3;
    private const int SummaryCreated = 4;
    private const int QuantileQuantile = 1;
    private const int QuantileValue = 2;
    private const int HistogramCount = 1;
    private const int HistogramSum = 2;
    private const int HistogramBucket = 3;
    private const int HistogramSchema = 5;
    private const int HistogramZeroThreshold = 6;
    private const int HistogramZeroCount = 7;
    private const int HistogramNegativeSpan = 9;
    private const int HistogramNegativeDelta = 10;
    private const int HistogramPositiveSpan = 12;
    private const int HistogramPositiveDelta = 13;
    private const int HistogramCreated = 15;
    private const int HistogramExemplars = 16;
    private const int SpanOffset = 1;
    private const int SpanLength = 2;
    private const int BucketCumulativeCount = 1;
    private const int BucketUpperBound = 2;
    private const int BucketExemplar = 3;
    private const int ExemplarLabel = 1;
    private const int ExemplarValue = 2;
    private const int ExemplarTimestamp = 3;
    private const int TimestampSeconds = 1;
    private const int TimestampNanos = 2;

    // io.prometheus.client.MetricType values.
    private const int CounterType = 0;
    private const int GaugeType = 1;
    private const int SummaryType = 2;
    private const int HistogramType = 4;

    // google.protobuf.Timestamp ends with 9999-12-31T23:59:59Z.
    private const double MaxTimestampSeconds = 253_402_300_800;

    private readonly ProtobufMessageBuffer _message = new();

    /// <summary>Creates a writer appending to <paramref name="output"/>, which it does not own.</summary>
    public PrometheusProtobufWriter(IBufferWriter<byte> output)
        : base(output)
    {
    }

    /// <inheritdoc />
    public override ExpositionFormat Format => ExpositionFormat.PrometheusProtobuf;

    /// <summary>The largest family this writer encodes, in bytes; the scraper sets it to its own limit.</summary>
    internal int MaxFamilyBytes
    {
        get => _message.MaxLength;
        set => _message.MaxLength = value;
    }

    private protected override void PrepareSeries(MetricFamilyDescriptor family, MetricLabels labels, bool firstInFamily)
    {
        // Labels are written inside each Metric message; nothing is rendered ahead.
    }

    private protected override void WriteHeader(MetricFamilyDescriptor family)
    {
        _message.Reset();
        _message.WriteString(FamilyName, family.Name, family.Type == MetricType.Counter ? "_total"u8 : default);
        if (family.Help.Length > 0)
        {
            _message.WriteString(FamilyHelp, family.Help);
        }

        _message.WriteUInt64(FamilyType, family.Type switch
        {
            MetricType.Counter => CounterType,
            MetricType.Gauge => GaugeType,
            MetricType.Histogram => HistogramType,
            _ => SummaryType,
        });

        if (SeriesRules.HasUnitSuffix(family.Name, family.Unit))
        {
            _message.WriteString(FamilyUnit, family.Unit);
        }
    }

    private protected override void WriteCounterSeries(MetricFamilyDescriptor family, MetricLabels labels, double value, double createdUnixSeconds, Exemplar? exemplar)
    {
        var metric = BeginMetric(labels);
        var counter = _message.BeginMessage(MetricCounter);
        _message.WriteDouble(ValueField, value);
        WriteExemplar(CounterExemplar, exemplar);
        WriteTimestamp(CounterCreated, createdUnixSeconds);
        _message.EndMessage(counter);
        _message.EndMessage(metric);
    }

    private protected override void WriteGaugeSeries(MetricFamilyDescriptor family, MetricLabels labels, double value)
    {
        var metric = BeginMetric(labels);
        var gauge = _message.BeginMessage(MetricGauge);
        _message.WriteDouble(ValueField, value);
        _message.EndMessage(gauge);
        _message.EndMessage(metric);
    }

    private protected override void WriteHistogramSeries(MetricFamilyDescriptor family, MetricLabels labels, HistogramPoint point)
    {
        var metric = BeginMetric(labels);
        var histogram = _message.BeginMessage(MetricHistogram);
        _message.WriteUInt64(HistogramCount, (ulong)point.Count);
        _message.WriteDouble(HistogramSum, point.Sum);
        var native = point.Native;
        var bounds = point.UpperBounds;
        var counts = point.CumulativeCounts;
        var exemplars = point.Exemplars;

        // A native histogram without classic bounds has no classic bucket: a lone +Inf one would make it classic.
        if (!native.IsPresent || bounds.Length > 0)
        {
            for (var i = 0; i <= bounds.Length; i++)
            {
                var bucket = _message.BeginMessage(HistogramBucket);
                _message.WriteUInt64(BucketCumulativeCount, (ulong)counts[i]);
                _message.WriteDouble(BucketUpperBound, i < bounds.Length ? bounds[i] : double.PositiveInfinity);
                WriteExemplar(BucketExemplar, i < exemplars.Length ? exemplars[i] : null);
                _message.EndMessage(bucket);
            }
        }

        if (native.IsPresent)
        {
            WriteNativeBuckets(native);
        }

        WriteTimestamp(HistogramCreated, point.CreatedUnixSeconds);
        if (native.IsPresent)
        {
            // The native histogram's own exemplars, which the format requires to have a timestamp.
            foreach (var exemplar in exemplars)
            {
                if (exemplar is not null && exemplar.TimestampUnixSeconds > 0 && double.IsFinite(exemplar.TimestampUnixSeconds))
                {
                    WriteExemplar(HistogramExemplars, exemplar);
                }
            }
        }

        _message.EndMessage(histogram);
        _message.EndMessage(metric);
    }

    /// <summary>
    /// Writes the schema, the zero bucket, and each side's buckets as spans of consecutive indexes (the first
    /// span's offset is its first index, a later one's the gap after the previous span) with delta-encoded
    /// counts (each minus the one before it, across the spans of that side, starting from 0).
    /// </summary>
    private void WriteNativeBuckets(NativeHistogramBuckets native)
    {
        _message.WriteSInt64(HistogramSchema, native.Schema);
        _message.WriteDouble(HistogramZeroThreshold, native.ZeroThreshold);
        _message.WriteUInt64(HistogramZeroCount, (ulong)native.ZeroCount);
        WriteSpans(HistogramNegativeSpan, native.NegativeIndexes);
        WriteDeltas(HistogramNegativeDelta, native.NegativeCounts);
        if (native.PositiveIndexes.IsEmpty && native.NegativeIndexes.IsEmpty)
        {
            // A no-op span marks the histogram as native even before its first observation.
            var span = _message.BeginMessage(HistogramPositiveSpan);
            _message.WriteSInt64(SpanOffset, 0);
            _message.WriteUInt64(SpanLength, 0);
            _message.EndMessage(span);
        }
        else
        {
            WriteSpans(HistogramPositiveSpan, native.PositiveIndexes);
        }

        WriteDeltas(HistogramPositiveDelta, native.PositiveCounts);
    }

    private void WriteSpans(int field, ReadOnlySpan<int> indexes)
    {
        var start = 0;
        var previousEnd = 0L;
        for (var i = 1; i <= indexes.Length; i++)
        {
            if (i < indexes.Length && indexes[i] == indexes[i - 1] + 1)
            {
                continue;
            }

            var span = _message.BeginMessage(field);
            _message.WriteSInt64(SpanOffset, start == 0 ? indexes[0] : indexes[start] - previousEnd);
            _message.WriteUInt64(SpanLength, (ulong)(i - start));
            _message.EndMessage(span);
            previousEnd = (long)indexes[i - 1] + 1;
            start = i;
        }
    }

    private void WriteDeltas(int field, ReadOnlySpan<long> counts)
    {
        var previous = 0L;
        foreach (var count in counts)
        {
            _message.WriteSInt64(field, count - previous);
            previous = count;
        }
    }

    private protected override void WriteSummarySeries(MetricFamilyDescriptor family, MetricLabels labels, SummaryPoint point)
    {
        var metric = BeginMetric(labels);
        var summary = _message.BeginMessage(MetricSummary);
        _message.WriteUInt64(SummaryCount, (ulong)point.Count);
        _message.WriteDouble(SummarySum, point.Sum);
        var quantiles = point.Quantiles;
        var values = point.Values;
        for (var i = 0; i < quantiles.Length; i++)
        {
            var quantile = _message.BeginMessage(SummaryQuantile);
            _message.WriteDouble(QuantileQuantile, quantiles[i]);
            _message.WriteDouble(QuantileValue, values[i]);
            _message.EndMessage(quantile);
        }

        WriteTimestamp(SummaryCreated, point.CreatedUnixSeconds);
        _message.EndMessage(summary);
        _message.EndMessage(metric);
    }

    /// <summary>Copies the finished family to the output, its length first.</summary>
    private protected override void WriteFamilyEnd()
    {
        var family = _message.WrittenSpan;
        var span = Output.GetSpan(family.Length + 10);
        var prefix = ProtobufMessageBuffer.WriteVarint(span, (ulong)family.Length);
        family.CopyTo(span[prefix..]);
        Output.Advance(prefix + family.Length);
        _message.Reset();
    }

    private protected override void WriteEnd()
    {
    }

    private int BeginMetric(MetricLabels labels)
    {
        var metric = _message.BeginMessage(FamilyMetric);
        var names = labels.Names;
        var values = labels.Values;
        for (var i = 0; i < names.Length; i++)
        {
            var pair = _message.BeginMessage(MetricLabel);
            _message.WriteString(LabelName, names[i]);
            _message.WriteString(LabelValue, values[i]);
            _message.EndMessage(pair);
        }

        return metric;
    }

    private void WriteExemplar(int field, Exemplar? exemplar)
    {
        if (exemplar is null || !SeriesRules.FitsExemplarLabelLimit(exemplar))
        {
            return;
        }

        var message = _message.BeginMessage(field);
        var traceId = _message.BeginMessage(ExemplarLabel);
        _message.WriteString(LabelName, "trace_id");
        _message.WriteString(LabelValue, exemplar.TraceId);
        _message.EndMessage(traceId);
        var spanId = _message.BeginMessage(ExemplarLabel);
        _message.WriteString(LabelName, "span_id");
        _message.WriteString(LabelValue, exemplar.SpanId);
        _message.EndMessage(spanId);
        _message.WriteDouble(ExemplarValue, exemplar.Value);
        WriteTimestamp(ExemplarTimestamp, exemplar.TimestampUnixSeconds);
        _message.EndMessage(message);
    }

    /// <summary>Writes a <c>google.protobuf.Timestamp</c> when the time is known (positive and finite).</summary>
    private void WriteTimestamp(int field, double unixSeconds)
    {
        if (!(unixSeconds > 0) || !double.IsFinite(unixSeconds) || unixSeconds >= MaxTimestampSeconds)
        {
            return;
        }

        var seconds = Math.Floor(unixSeconds);
        var nanos = (long)Math.Round((unixSeconds - seconds) * 1e9);
        var wholeSeconds = (long)seconds;
        if (nanos >= 1_000_000_000)
        {
            wholeSeconds++;
            nanos -= 1_000_000_000;
        }

        var timestamp = _message.BeginMessage(field);
        if (wholeSeconds != 0)
        {
            _message.WriteInt64(TimestampSeconds, wholeSeconds);
        }

        if (nanos != 0)
        {
            _message.WriteInt64(TimestampNanos, nanos);
        }

        _message.EndMessage(timestamp);
    }
}
