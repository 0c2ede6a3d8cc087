using System.Buffers;
using Instrumentation.Collection;

namespace Instrumentation.Exposition;

/// <summary>
/// The UTF-8 text a writer repeats on every line of a series, rendered once and copied after: the family's
/// metric name (once per family), the series' label pairs <c>a="x",b="y"</c> (once per series: a histogram
/// writes them on 17 lines) and the <c>le="…"</c> or <c>quantile="…"</c> pairs of a bucket layout or objective
/// list (once per family, kept while the next series has the same values).
/// </summary>
/// <remarks>
/// The buffers are kept between series and scrapes and grow only when a longer text comes, so a steady scrape
/// allocates nothing here. Not thread-safe: it belongs to one writer.
/// </remarks>
internal sealed class SeriesText
{
    private readonly ArrayBufferWriter<byte> _name = new(64);
    private readonly ArrayBufferWriter<byte> _labels = new(256);
    private readonly ArrayBufferWriter<byte> _bounds = new(512);
    private double[] _boundValues = new double[16];
    private int[] _boundEnds = new int[17];
    private int _boundCount = -1;
    private byte[] _boundLabel = [];
    private FloatStyle _boundStyle;

    /// <summary>The metric name, UTF-8.</summary>
    public ReadOnlySpan<byte> Name => _name.WrittenSpan;

    /// <summary>The label pairs of the current series without braces, empty when it has none.</summary>
    public ReadOnlySpan<byte> Labels => _labels.WrittenSpan;

    /// <summary>Renders <paramref name="name"/> as the current metric name.</summary>
    public void SetName(string name)
    {
        _name.ResetWrittenCount();
        _name.WriteName(name);
    }

    /// <summary>Renders <paramref name="labels"/> as the current series' label pairs, values escaped.</summary>
    public void SetLabels(MetricLabels labels)
    {
        _labels.ResetWrittenCount();
        var names = labels.Names;
        var values = labels.Values;
        for (var i = 0; i < names.Length; i++)
        {
            if (i > 0)
            {
                _labels.WriteByte((byte)',');
            }

            _labels.WriteName(names[i]);
            _labels.WriteRaw("=\""u8);
            _labels.WriteEscapedQuoted(values[i]);
            _labels.WriteByte((byte)'"');
        }
    }

    /// <summary>
    /// Makes <see cref="Bound"/> return <c>label="value"</c> for each of <paramref name="values"/> in
    /// <paramref name="style"/>, then one for +Inf when <paramref name="withInfinity"/>; a no-op when the
    /// previous call had the same arguments.
    /// </summary>
    public void SetBounds(ReadOnlySpan<byte> label, ReadOnlySpan<double> values, FloatStyle style, bool withInfinity)
    {
        var count = values.Length + (withInfinity ? 1 : 0);
        if (count == _boundCount
            && style == _boundStyle
            && label.SequenceEqual(_boundLabel)
            && values.SequenceEqual(_boundValues.AsSpan(0, values.Length)))
        {
            return;
        }

        if (_boundValues.Length < values.Length)
        {
            _boundValues = new double[values.Length];
            _boundEnds = new int[values.Length + 1];
        }

        if (!label.SequenceEqual(_boundLabel))
        {
            _boundLabel = label.ToArray();
        }

        _bounds.ResetWrittenCount();
        for (var i = 0; i < count; i++)
        {
            _bounds.WriteRaw(label);
            _bounds.WriteRaw("=\""u8);
            _bounds.WriteFloat(i < values.Length ? values[i] : double.PositiveInfinity, style);
            _bounds.WriteByte((byte)'"');
            _boundEnds[i] = _bounds.WrittenCount;
        }

        values.CopyTo(_boundValues);
        _boundCount = count;
        _boundStyle = style;
    }

    /// <summary>The <c>label="value"</c> pair of bound <paramref name="index"/> from the last <see cref="SetBounds"/>.</summary>
    public ReadOnlySpan<byte> Bound(int index)
    {
        var start = index == 0 ? 0 : _boundEnds[index - 1];
        return _bounds.WrittenSpan[start.._boundEnds[index]];
    }
}
