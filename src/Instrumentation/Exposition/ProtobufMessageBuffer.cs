using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Instrumentation.Exposition;

/// <summary>
/// Protocol Buffers wire encoding into an array kept between uses: varints, zigzag integers, fixed 64-bit
/// doubles, UTF-8 strings and nested messages.
/// </summary>
/// <remarks>
/// A nested message's length goes before its body, so <see cref="BeginMessage"/> reserves one byte for it and
/// <see cref="EndMessage"/> writes it there; a body of 128 bytes or more needs a longer varint, and is moved up
/// to make room. The output is canonical (shortest varints). The array grows by doubling and is kept, so a
/// steady use allocates nothing; it never grows past <see cref="MaxLength"/>. Not thread-safe.
/// </remarks>
internal sealed class ProtobufMessageBuffer
{
    private const int WireVarint = 0;
    private const int WireFixed64 = 1;
    private const int WireLengthDelimited = 2;

    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(4096);
    private int _length;

    /// <summary>The most bytes the buffer may hold; going past it throws <see cref="ExpositionTooLargeException"/>.</summary>
    public int MaxLength { get; set; } = Array.MaxLength;

    /// <summary>What was written since the last <see cref="Reset"/>.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    /// <summary>Forgets what was written and keeps the array.</summary>
    public void Reset() => _length = 0;

    /// <summary>The number of bytes <paramref name="value"/> takes as a varint.</summary>
    public static int VarintSize(ulong value) => value == 0 ? 1 : ((63 - System.Numerics.BitOperations.LeadingZeroCount(value)) / 7) + 1;

    /// <summary>Writes <paramref name="value"/> as a varint into <paramref name="destination"/> and returns the bytes written.</summary>
    public static int WriteVarint(Span<byte> destination, ulong value)
    {
        var position = 0;
        while (value >= 0x80)
        {
            destination[position++] = (byte)(value | 0x80);
            value >>= 7;
        }

        destination[position++] = (byte)value;
        return position;
    }

    /// <summary>A <c>double</c> field (wire type 64-bit, little-endian IEEE 754; NaN and infinities as they are).</summary>
    public void WriteDouble(int field, double value)
    {
        WriteTag(field, WireFixed64);
        Ensure(8);
        BinaryPrimitives.WriteDoubleLittleEndian(_buffer.AsSpan(_length), value);
        _length += 8;
    }

    /// <summary>A <c>uint64</c>, <c>uint32</c> or enum field.</summary>
    public void WriteUInt64(int field, ulong value)
    {
        WriteTag(field, WireVarint);
        WriteVarint(value);
    }

    /// <summary>An <c>int64</c> or <c>int32</c> field (a negative value takes ten bytes, as the format says).</summary>
    public void WriteInt64(int field, long value) => WriteUInt64(field, unchecked((ulong)value));

    /// <summary>A <c>sint32</c> or <c>sint64</c> field (zigzag: small magnitudes of either sign stay short).</summary>
    public void WriteSInt64(int field, long value) => WriteUInt64(field, unchecked((ulong)((value << 1) ^ (value >> 63))));

    /// <summary>
    /// A <c>string</c> field: <paramref name="value"/> as UTF-8 followed by <paramref name="suffix"/> (ASCII).
    /// Invalid UTF-16 (a lone surrogate) becomes U+FFFD, as in the text formats.
    /// </summary>
    public void WriteString(int field, string value, ReadOnlySpan<byte> suffix = default)
    {
        WriteTag(field, WireLengthDelimited);
        var size = Encoding.UTF8.GetByteCount(value) + suffix.Length;
        WriteVarint((ulong)size);
        Ensure(size);
        var span = _buffer.AsSpan(_length, size);
        var written = Encoding.UTF8.GetBytes(value, span);
        suffix.CopyTo(span[written..]);
        _length += size;
    }

    /// <summary>Starts a nested message in <paramref name="field"/>; returns the mark to pass to <see cref="EndMessage"/>.</summary>
    public int BeginMessage(int field)
    {
        WriteTag(field, WireLengthDelimited);
        Ensure(1);
        _length++;
        return _length;
    }

    /// <summary>Ends the nested message begun at <paramref name="mark"/>, writing its length before it.</summary>
    public void EndMessage(int mark)
    {
        var size = _length - mark;
        var prefix = VarintSize((ulong)size);
        if (prefix > 1)
        {
            Ensure(prefix - 1);
            _buffer.AsSpan(mark, size).CopyTo(_buffer.AsSpan(mark + prefix - 1));
            _length += prefix - 1;
        }

        WriteVarint(_buffer.AsSpan(mark - 1), (ulong)size);
    }

    private void WriteTag(int field, int wireType) => WriteVarint((uint)((field << 3) | wireType));

    private void WriteVarint(ulong value)
    {
        Ensure(10);
        _length += WriteVarint(_buffer.AsSpan(_length), value);
    }

    private void Ensure(int count)
    {
        if (_buffer.Length - _length >= count)
        {
            return;
        }

        if ((long)_length + count > MaxLength)
        {
            throw new ExpositionTooLargeException(MaxLength);
        }

        var size = (int)Math.Min(Array.MaxLength, Math.Max((long)_buffer.Length * 2, (long)_length + count));
        var grown = ArrayPool<byte>.Shared.Rent(size);
        _buffer.AsSpan(0, _length).CopyTo(grown);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = grown;
    }
}
