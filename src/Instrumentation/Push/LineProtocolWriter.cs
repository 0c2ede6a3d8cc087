using System.Buffers;
using Instrumentation.Collection;
using Instrumentation.Exposition;

namespace Instrumentation.Push;

/// <summary>
/// An <see cref="IMetricsVisitor"/> that writes what it visits as InfluxDB line protocol, UTF-8, into an
/// <see cref="IBufferWriter{T}"/>: one line per series, every line stamped with the same timestamp in
/// nanoseconds since the Unix epoch.
/// </summary>
/// <remarks>
/// <para>The measurement is the series name as Prometheus shows it (a counter keeps its <c>_total</c>);
/// the tags are the labels, in ordinal order of their names, an empty label value being no tag (as in
/// Prometheus, where an empty label is an absent one). Fields by kind:</para>
/// <list type="bullet">
/// <item>counter and gauge: <c>value=</c> (float);</item>
/// <item>histogram: <c>count=</c> (integer), <c>sum=</c> (float) and one cumulative integer field per
/// bucket, <c>le_0.5=</c> ... <c>le_+Inf=</c>;</item>
/// <item>summary: <c>count=</c> (integer), <c>sum=</c> (float) and one float field per quantile,
/// <c>quantile_0.5=</c> ....</item>
/// </list>
/// <para>InfluxDB stores no NaN or infinity, so a non-finite float field is left out, and a line left
/// without fields is not written. Every field of a given name always has the same type, so no write is
/// refused for a field type conflict.</para>
/// <para>Not thread-safe: one collection at a time. The writer does not own the buffer.</para>
/// </remarks>
public sealed class LineProtocolWriter : IMetricsVisitor
{
    private const int StackLabelLimit = 32;

    private readonly IBufferWriter<byte> _output;
    private readonly long _timestampUnixNanoseconds;
    private MetricFamilyDescriptor? _family;

    /// <summary>Creates a writer whose lines all carry <paramref name="timestampUnixNanoseconds"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="output"/> is null.</exception>
    public LineProtocolWriter(IBufferWriter<byte> output, long timestampUnixNanoseconds)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
        _timestampUnixNanoseconds = timestampUnixNanoseconds;
    }

    /// <summary>The number of lines written so far.</summary>
    public int LinesWritten { get; private set; }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The previous family was not ended.</exception>
    public void BeginFamily(MetricFamilyDescriptor family)
    {
        ArgumentNullException.ThrowIfNull(family);
        if (_family is not null)
        {
            throw new InvalidOperationException($"BeginFamily('{family.Name}') was called while family '{_family.Name}' was still open; call EndFamily() first.");
        }

        _family = family;
    }

    /// <inheritdoc />
    public void WriteCounter(MetricLabels labels, double value, double createdUnixSeconds, Exemplar? exemplar)
    {
        var family = Current(MetricType.Counter);
        if (double.IsFinite(value))
        {
            WriteSeriesKey(family.Name, "_total", labels);
            WriteFloatField("value"u8, value, first: true);
            EndLine();
        }
    }

    /// <inheritdoc />
    public void WriteGauge(MetricLabels labels, double value)
    {
        var family = Current(MetricType.Gauge);
        if (double.IsFinite(value))
        {
            WriteSeriesKey(family.Name, string.Empty, labels);
            WriteFloatField("value"u8, value, first: true);
            EndLine();
        }
    }

    /// <inheritdoc />
    public void WriteHistogram(MetricLabels labels, HistogramPoint point)
    {
        var family = Current(MetricType.Histogram);
        WriteSeriesKey(family.Name, string.Empty, labels);
        WriteIntegerField("count"u8, point.Count, first: true);
        WriteFloatField("sum"u8, point.Sum, first: false);
        var bounds = point.UpperBounds;
        var counts = point.CumulativeCounts;
        for (var i = 0; i < counts.Length; i++)
        {
            _output.WriteRaw(",le_"u8);
            if (i < bounds.Length)
            {
                _output.WriteFloat(bounds[i], FloatStyle.General);
            }
            else
            {
                _output.WriteRaw("+Inf"u8);
            }

            _output.WriteByte((byte)'=');
            WriteIntegerValue(counts[i]);
        }

        EndLine();
    }

    /// <inheritdoc />
    public void WriteSummary(MetricLabels labels, SummaryPoint point)
    {
        var family = Current(MetricType.Summary);
        WriteSeriesKey(family.Name, string.Empty, labels);
        WriteIntegerField("count"u8, point.Count, first: true);
        WriteFloatField("sum"u8, point.Sum, first: false);
        var quantiles = point.Quantiles;
        var values = point.Values;
        for (var i = 0; i < quantiles.Length; i++)
        {
            if (double.IsFinite(values[i]))
            {
                _output.WriteRaw(",quantile_"u8);
                _output.WriteFloat(quantiles[i], FloatStyle.General);
                _output.WriteByte((byte)'=');
                _output.WriteFloat(values[i], FloatStyle.General);
            }
        }

        EndLine();
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">No family is open.</exception>
    public void EndFamily()
    {
        if (_family is null)
        {
            throw new InvalidOperationException("EndFamily() was called without a matching BeginFamily().");
        }

        _family = null;
    }

    private MetricFamilyDescriptor Current(MetricType type)
    {
        var family = _family ?? throw new InvalidOperationException($"A {type.ToString().ToLowerInvariant()} series was written outside BeginFamily()/EndFamily().");
        if (family.Type != type)
        {
            throw new InvalidOperationException(
                $"Family '{family.Name}' is a {family.Type.ToString().ToLowerInvariant()}, but a {type.ToString().ToLowerInvariant()} series was written to it.");
        }

        return family;
    }

    /// <summary>Writes <c>measurement,tag=value,... </c>, ready for the first field.</summary>
    private void WriteSeriesKey(string name, string suffix, MetricLabels labels)
    {
        LineProtocolEscaping.WriteMeasurement(_output, name, suffix);

        var count = labels.Count;
        var order = count <= StackLabelLimit ? stackalloc int[count] : new int[count];
        for (var i = 0; i < count; i++)
        {
            order[i] = i;
        }

        // InfluxDB asks for tags in key order; a handful of labels is sorted fastest by insertion.
        var names = labels.Names;
        for (var i = 1; i < count; i++)
        {
            var current = order[i];
            var j = i - 1;
            while (j >= 0 && string.CompareOrdinal(names[order[j]], names[current]) > 0)
            {
                order[j + 1] = order[j];
                j--;
            }

            order[j + 1] = current;
        }

        var values = labels.Values;
        foreach (var index in order)
        {
            if (values[index].Length == 0)
            {
                continue;
            }

            _output.WriteByte((byte)',');
            LineProtocolEscaping.WriteKey(_output, names[index]);
            _output.WriteByte((byte)'=');
            LineProtocolEscaping.WriteKey(_output, values[index]);
        }

        _output.WriteByte((byte)' ');
    }

    private void WriteFloatField(ReadOnlySpan<byte> key, double value, bool first)
    {
        if (!double.IsFinite(value))
        {
            return;
        }

        if (!first)
        {
            _output.WriteByte((byte)',');
        }

        _output.WriteRaw(key);
        _output.WriteByte((byte)'=');
        _output.WriteFloat(value, FloatStyle.General);
    }

    private void WriteIntegerField(ReadOnlySpan<byte> key, long value, bool first)
    {
        if (!first)
        {
            _output.WriteByte((byte)',');
        }

        _output.WriteRaw(key);
        _output.WriteByte((byte)'=');
        WriteIntegerValue(value);
    }

    private void WriteIntegerValue(long value)
    {
        _output.WriteInteger(value);
        _output.WriteByte((byte)'i');
    }

    private void EndLine()
    {
        _output.WriteByte((byte)' ');
        _output.WriteInteger(_timestampUnixNanoseconds);
        _output.WriteByte((byte)'\n');
        LinesWritten++;
    }
}
