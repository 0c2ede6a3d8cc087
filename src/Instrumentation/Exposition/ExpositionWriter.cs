using System.Buffers;
using Instrumentation.Collection;

namespace Instrumentation.Exposition;

/// <summary>
/// An <see cref="IMetricsVisitor"/> that writes what it visits as exposition text, UTF-8, straight into
/// an <see cref="IBufferWriter{T}"/>. Call <see cref="Complete"/> after the last family.
/// </summary>
/// <remarks>
/// A family's header is written with its first series, so a family with no series writes nothing.
/// A source that breaks the visitor protocol (a series outside a family, or of another type than its
/// family) gets an <see cref="InvalidOperationException"/>. Not thread-safe: one collection at a time.
/// The writer does not own the buffer.
/// </remarks>
public abstract class ExpositionWriter : IMetricsVisitor
{
    private IBufferWriter<byte> _output;
    private MetricFamilyDescriptor? _family;
    private bool _headerWritten;

    private protected ExpositionWriter(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
    }

    /// <summary>The format this writer produces.</summary>
    public abstract ExpositionFormat Format { get; }

    /// <summary>The buffer being written to.</summary>
    private protected IBufferWriter<byte> Output => _output;

    /// <summary>Creates the writer for <paramref name="format"/> over <paramref name="output"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="format"/> is not a defined value.</exception>
    public static ExpositionWriter Create(ExpositionFormat format, IBufferWriter<byte> output) => format switch
    {
        ExpositionFormat.PrometheusText => new PrometheusTextWriter(output),
        ExpositionFormat.OpenMetrics => new OpenMetricsTextWriter(output),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown exposition format."),
    };

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
        _headerWritten = false;
    }

    /// <inheritdoc />
    public void WriteCounter(MetricLabels labels, double value, double createdUnixSeconds, Exemplar? exemplar)
    {
        var family = StartSeries(MetricType.Counter);
        WriteCounterSeries(family, labels, value, createdUnixSeconds, exemplar);
    }

    /// <inheritdoc />
    public void WriteGauge(MetricLabels labels, double value)
    {
        var family = StartSeries(MetricType.Gauge);
        WriteSample(family.Name, default, labels, value);
    }

    /// <inheritdoc />
    public void WriteHistogram(MetricLabels labels, HistogramPoint point)
    {
        var family = StartSeries(MetricType.Histogram);
        WriteHistogramSeries(family, labels, point);
    }

    /// <inheritdoc />
    public void WriteSummary(MetricLabels labels, SummaryPoint point)
    {
        var family = StartSeries(MetricType.Summary);
        WriteSummarySeries(family, labels, point);
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

    /// <summary>Ends the exposition: OpenMetrics writes its <c># EOF</c> line; Prometheus text needs nothing.</summary>
    /// <exception cref="InvalidOperationException">A family is still open.</exception>
    public void Complete()
    {
        if (_family is not null)
        {
            throw new InvalidOperationException($"Complete() was called while family '{_family.Name}' was still open; call EndFamily() first.");
        }

        WriteEnd();
    }

    /// <summary>Points the writer at another buffer and forgets any open family, for reuse between scrapes.</summary>
    internal void Reset(IBufferWriter<byte> output)
    {
        _output = output;
        _family = null;
        _headerWritten = false;
    }

    /// <summary>Writes the <c># TYPE</c>/<c># HELP</c> (and <c># UNIT</c>) lines of a family.</summary>
    private protected abstract void WriteHeader(MetricFamilyDescriptor family);

    private protected abstract void WriteCounterSeries(MetricFamilyDescriptor family, MetricLabels labels, double value, double createdUnixSeconds, Exemplar? exemplar);

    private protected abstract void WriteHistogramSeries(MetricFamilyDescriptor family, MetricLabels labels, HistogramPoint point);

    private protected abstract void WriteSummarySeries(MetricFamilyDescriptor family, MetricLabels labels, SummaryPoint point);

    private protected abstract void WriteEnd();

    /// <summary>Writes <c>name_suffix{labels} value</c> and a line feed.</summary>
    private protected void WriteSample(string name, ReadOnlySpan<byte> suffix, MetricLabels labels, double value)
    {
        WriteSeriesName(name, suffix, labels);
        _output.WriteFloat(value, FloatStyle.General);
        _output.WriteByte((byte)'\n');
    }

    /// <summary>Writes <c>name_suffix{labels} count</c> and a line feed.</summary>
    private protected void WriteSample(string name, ReadOnlySpan<byte> suffix, MetricLabels labels, long count)
    {
        WriteSeriesName(name, suffix, labels);
        _output.WriteInteger(count);
        _output.WriteByte((byte)'\n');
    }

    /// <summary>Writes <c>name_suffix{labels} </c>, ready for the value.</summary>
    private protected void WriteSeriesName(string name, ReadOnlySpan<byte> suffix, MetricLabels labels)
    {
        _output.WriteName(name);
        _output.WriteRaw(suffix);
        if (labels.Count > 0)
        {
            _output.WriteByte((byte)'{');
            WriteLabelPairs(labels);
            _output.WriteByte((byte)'}');
        }

        _output.WriteByte((byte)' ');
    }

    /// <summary>
    /// Writes <c>name_suffix{labels,extra="bound"} </c>, ready for the value: the <c>le</c> of a bucket or
    /// the <c>quantile</c> of a summary, always the last label.
    /// </summary>
    private protected void WriteSeriesName(string name, ReadOnlySpan<byte> suffix, MetricLabels labels, ReadOnlySpan<byte> extraLabel, double bound, FloatStyle boundStyle)
    {
        _output.WriteName(name);
        _output.WriteRaw(suffix);
        _output.WriteByte((byte)'{');
        if (labels.Count > 0)
        {
            WriteLabelPairs(labels);
            _output.WriteByte((byte)',');
        }

        _output.WriteRaw(extraLabel);
        _output.WriteRaw("=\""u8);
        _output.WriteFloat(bound, boundStyle);
        _output.WriteRaw("\"} "u8);
    }

    /// <summary>Writes <c>a="x",b="y"</c> without braces.</summary>
    private protected void WriteLabelPairs(MetricLabels labels)
    {
        var names = labels.Names;
        var values = labels.Values;
        for (var i = 0; i < names.Length; i++)
        {
            if (i > 0)
            {
                _output.WriteByte((byte)',');
            }

            _output.WriteName(names[i]);
            _output.WriteRaw("=\""u8);
            _output.WriteEscapedQuoted(values[i]);
            _output.WriteByte((byte)'"');
        }
    }

    private MetricFamilyDescriptor StartSeries(MetricType type)
    {
        var family = _family ?? throw new InvalidOperationException($"A {type.ToString().ToLowerInvariant()} series was written outside BeginFamily()/EndFamily().");
        if (family.Type != type)
        {
            throw new InvalidOperationException(
                $"Family '{family.Name}' is a {family.Type.ToString().ToLowerInvariant()}, but a {type.ToString().ToLowerInvariant()} series was written to it.");
        }

        if (!_headerWritten)
        {
            WriteHeader(family);
            _headerWritten = true;
        }

        return family;
    }
}
