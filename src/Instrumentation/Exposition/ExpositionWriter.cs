using System.Buffers;
using System.Buffers.Text;
using Instrumentation.Collection;

namespace Instrumentation.Exposition;

/// <summary>
/// An <see cref="IMetricsVisitor"/> that writes what it visits in an exposition format (text, UTF-8, or the
/// Prometheus protobuf format) into an <see cref="IBufferWriter{T}"/>. Call <see cref="Complete"/> after the last family.
/// </summary>
/// <remarks>
/// A family's header is written with its first series, so a family with no series writes nothing.
/// A source that breaks the visitor protocol (a series outside a family, or of another type than its
/// family) gets an <see cref="InvalidOperationException"/>. Not thread-safe: one collection at a time.
/// The writer does not own the buffer.
/// </remarks>
public abstract class ExpositionWriter : IMetricsVisitor
{
    // A long in decimal: 19 digits and a sign.
    private const int MaxIntegerLength = 20;

    private readonly SeriesText _text = new();
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
        ExpositionFormat.PrometheusProtobuf => new PrometheusProtobufWriter(output),
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
        var family = StartSeries(MetricType.Counter, labels);
        WriteCounterSeries(family, labels, value, createdUnixSeconds, exemplar);
    }

    /// <inheritdoc />
    public void WriteGauge(MetricLabels labels, double value)
    {
        var family = StartSeries(MetricType.Gauge, labels);
        WriteGaugeSeries(family, labels, value);
    }

    /// <inheritdoc />
    public void WriteHistogram(MetricLabels labels, HistogramPoint point)
    {
        var family = StartSeries(MetricType.Histogram, labels);
        WriteHistogramSeries(family, labels, point);
    }

    /// <inheritdoc />
    public void WriteSummary(MetricLabels labels, SummaryPoint point)
    {
        var family = StartSeries(MetricType.Summary, labels);
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
        if (_headerWritten)
        {
            WriteFamilyEnd();
        }
    }

    /// <summary>Ends the exposition: OpenMetrics writes its <c># EOF</c> line; the other formats need nothing.</summary>
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

    /// <summary>
    /// Readies the writer for a series of <paramref name="family"/>, right after the header when <paramref name="firstInFamily"/>:
    /// the text writers render the name and labels they repeat on every line.
    /// </summary>
    private protected virtual void PrepareSeries(MetricFamilyDescriptor family, MetricLabels labels, bool firstInFamily)
    {
        if (firstInFamily)
        {
            _text.SetName(family.Name);
        }

        _text.SetLabels(labels);
    }

    private protected virtual void WriteGaugeSeries(MetricFamilyDescriptor family, MetricLabels labels, double value) =>
        WriteSample(default, value);

    /// <summary>Ends a family that wrote at least one series; the protobuf writer emits it here.</summary>
    private protected virtual void WriteFamilyEnd()
    {
    }

    private protected abstract void WriteCounterSeries(MetricFamilyDescriptor family, MetricLabels labels, double value, double createdUnixSeconds, Exemplar? exemplar);

    private protected abstract void WriteHistogramSeries(MetricFamilyDescriptor family, MetricLabels labels, HistogramPoint point);

    private protected abstract void WriteSummarySeries(MetricFamilyDescriptor family, MetricLabels labels, SummaryPoint point);

    private protected abstract void WriteEnd();

    /// <summary>The current family's name and series' labels as UTF-8, and the <c>le</c>/<c>quantile</c> pairs.</summary>
    private protected SeriesText Text => _text;

    /// <summary>Writes <c>name_suffix{labels} value</c> and a line feed, for the current series.</summary>
    private protected void WriteSample(ReadOnlySpan<byte> suffix, double value)
    {
        var span = BeginLine(suffix, default, FloatFormatter.MaxLength + 1, out var position);
        position += FloatFormatter.Format(value, span[position..], FloatStyle.General);
        span[position++] = (byte)'\n';
        _output.Advance(position);
    }

    /// <summary>Writes <c>name_suffix{labels} count</c> and a line feed, for the current series.</summary>
    private protected void WriteSample(ReadOnlySpan<byte> suffix, long count) => WriteSample(suffix, default, count);

    /// <summary>Writes <c>name_suffix{labels,extra} count</c> and a line feed, for the current series.</summary>
    private protected void WriteSample(ReadOnlySpan<byte> suffix, ReadOnlySpan<byte> extraLabel, long count)
    {
        var span = BeginLine(suffix, extraLabel, MaxIntegerLength + 1, out var position);
        Utf8Formatter.TryFormat(count, span[position..], out var written);
        position += written;
        span[position++] = (byte)'\n';
        _output.Advance(position);
    }

    /// <summary>
    /// Writes one <c>{quantile="q"} value</c> line per objective, with the quantile spelled in
    /// <paramref name="quantileStyle"/>; with <paramref name="skipNegative"/>, negative values are left out.
    /// </summary>
    private protected void WriteQuantileLines(SummaryPoint point, FloatStyle quantileStyle, bool skipNegative)
    {
        var values = point.Values;
        Text.SetBounds("quantile"u8, point.Quantiles, quantileStyle, withInfinity: false);
        for (var i = 0; i < values.Length; i++)
        {
            if (skipNegative && values[i] < 0)
            {
                continue;
            }

            WriteSeriesName(default, Text.Bound(i));
            Output.WriteFloat(values[i], FloatStyle.General);
            Output.WriteByte((byte)'\n');
        }
    }

    private protected void WriteSeriesName(ReadOnlySpan<byte> suffix) => WriteSeriesName(suffix, default);

    /// <summary>
    /// Writes <c>name_suffix{labels,extra} </c> for the current series, ready for the value: the extra pair is
    /// the <c>le</c> of a bucket or the <c>quantile</c> of a summary (from <see cref="Text"/>), always the last label.
    /// </summary>
    private protected void WriteSeriesName(ReadOnlySpan<byte> suffix, ReadOnlySpan<byte> extraLabel)
    {
        BeginLine(suffix, extraLabel, 0, out var position);
        _output.Advance(position);
    }

    // One GetSpan per line: the name, suffix and braces are copied from the rendered text, and the span has
    // room for valueRoom more bytes after the returned position.
    private Span<byte> BeginLine(ReadOnlySpan<byte> suffix, ReadOnlySpan<byte> extraLabel, int valueRoom, out int position)
    {
        var name = _text.Name;
        var labels = _text.Labels;
        var span = _output.GetSpan(name.Length + suffix.Length + labels.Length + extraLabel.Length + 4 + valueRoom);
        name.CopyTo(span);
        position = name.Length;
        suffix.CopyTo(span[position..]);
        position += suffix.Length;
        if (labels.Length > 0 || extraLabel.Length > 0)
        {
            span[position++] = (byte)'{';
            labels.CopyTo(span[position..]);
            position += labels.Length;
            if (extraLabel.Length > 0)
            {
                if (labels.Length > 0)
                {
                    span[position++] = (byte)',';
                }

                extraLabel.CopyTo(span[position..]);
                position += extraLabel.Length;
            }

            span[position++] = (byte)'}';
        }

        span[position++] = (byte)' ';
        return span;
    }

    private MetricFamilyDescriptor StartSeries(MetricType type, MetricLabels labels)
    {
        var family = _family ?? throw new InvalidOperationException($"A {type.ToString().ToLowerInvariant()} series was written outside BeginFamily()/EndFamily().");
        if (family.Type != type)
        {
            throw new InvalidOperationException(
                $"Family '{family.Name}' is a {family.Type.ToString().ToLowerInvariant()}, but a {type.ToString().ToLowerInvariant()} series was written to it.");
        }

        var first = !_headerWritten;
        if (first)
        {
            WriteHeader(family);
            _headerWritten = true;
        }

        PrepareSeries(family, labels, first);
        return family;
    }
}
