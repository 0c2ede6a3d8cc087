using System.Buffers.Text;
using System.Globalization;

namespace Instrumentation.Exposition;

/// <summary>
/// Renders doubles as ASCII the way the Prometheus ecosystem reads them, into a caller's span.
/// </summary>
/// <remarks>
/// Every style starts from .NET's shortest round-trip digits and lays them out again, so no value
/// loses precision and nothing is allocated:
/// <list type="bullet">
/// <item><see cref="FloatStyle.General"/>: Go's <c>strconv.FormatFloat(v, 'g', -1, 64)</c>, what
/// client_golang writes (<c>5</c>, <c>0.25</c>, <c>1e+06</c>, <c>1e-05</c>).</item>
/// <item><see cref="FloatStyle.Canonical"/>: OpenMetrics canonical numbers for <c>le</c> and
/// <c>quantile</c> label values: General with <c>.0</c> appended when it has no point or exponent
/// (<c>1.0</c>, <c>0.005</c>, <c>100000.0</c>, <c>1e+06</c>).</item>
/// <item><see cref="FloatStyle.Timestamp"/>: fixed-point with no exponent (<c>1700000000.123</c>), as
/// OpenMetrics asks of timestamps.</item>
/// </list>
/// Infinities and NaN are written <c>+Inf</c>, <c>-Inf</c> and <c>NaN</c> in every style.
/// </remarks>
internal static class FloatFormatter
{
    /// <summary>Enough for any value in any style (the fixed layout falls back to an exponent past 21 digits).</summary>
    public const int MaxLength = 48;

    // Go switches to an exponent from 1e+06 on, and below 1e-04 (exponent < -4).
    private const int GoExponentLimit = 6;
    private const int FixedExponentLimit = 21;

    public static int Format(double value, Span<byte> destination, FloatStyle style)
    {
        if (double.IsNaN(value))
        {
            return Copy("NaN"u8, destination);
        }

        if (double.IsInfinity(value))
        {
            return Copy(value > 0 ? "+Inf"u8 : "-Inf"u8, destination);
        }

        if (style != FloatStyle.Timestamp && TryFormatPlain(value, destination, style, out var plainLength))
        {
            return plainLength;
        }

        Span<byte> roundTrip = stackalloc byte[32];
        if (!value.TryFormat(roundTrip, out var roundTripLength, "R", CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException($"Could not format {value} as a round-trip number.");
        }

        Span<byte> digits = stackalloc byte[32];
        var negative = Decompose(roundTrip[..roundTripLength], digits, out var digitCount, out var pointPosition);

        var position = 0;
        if (negative)
        {
            destination[position++] = (byte)'-';
        }

        if (digitCount == 0)
        {
            destination[position++] = (byte)'0';
            return style == FloatStyle.General ? position : AppendPointZero(destination, position);
        }

        var exponent = pointPosition - 1;
        var useExponent = style == FloatStyle.Timestamp
            ? exponent < -7 || exponent >= FixedExponentLimit
            : exponent < -4 || exponent >= GoExponentLimit;

        if (useExponent)
        {
            position = WriteScientific(digits[..digitCount], exponent, destination, position);
            return position;
        }

        position = WriteFixed(digits[..digitCount], pointPosition, destination, position, out var hasPoint);
        return hasPoint || style == FloatStyle.General ? position : AppendPointZero(destination, position);
    }

    /// <summary>
    /// The fast path for the values most samples hold: between 1e-4 and 1e+06 (or zero) Go's shortest
    /// <c>'g'</c> layout is plain fixed-point, which is exactly what .NET's round-trip format writes there, so
    /// the digits can be written straight into the destination (integers through the integer formatter) with
    /// no re-layout. Returns false for everything else, and when the output unexpectedly has an exponent.
    /// </summary>
    private static bool TryFormatPlain(double value, Span<byte> destination, FloatStyle style, out int length)
    {
        var magnitude = Math.Abs(value);
        if (!(magnitude < 1e6 && (magnitude >= 1e-4 || value == 0)))
        {
            length = 0;
            return false;
        }

        if (value == Math.Floor(value) && !(value == 0 && double.IsNegative(value)))
        {
            Utf8Formatter.TryFormat((long)value, destination, out length);
            if (style == FloatStyle.Canonical)
            {
                length = AppendPointZero(destination, length);
            }

            return true;
        }

        if (!value.TryFormat(destination, out length, "R", CultureInfo.InvariantCulture) || destination[..length].Contains((byte)'E'))
        {
            length = 0;
            return false;
        }

        if (style == FloatStyle.Canonical && !destination[..length].Contains((byte)'.'))
        {
            length = AppendPointZero(destination, length);
        }

        return true;
    }

    /// <summary>
    /// Splits a round-trip rendering (<c>-1.25E-05</c>, <c>0.0001</c>, <c>300</c>) into significant digits
    /// without leading or trailing zeros and the position of the decimal point relative to them
    /// (value = 0.d1d2d3... x 10^pointPosition), the representation Go's formatter works from.
    /// </summary>
    private static bool Decompose(ReadOnlySpan<byte> text, Span<byte> digits, out int digitCount, out int pointPosition)
    {
        var negative = text[0] == (byte)'-';
        var i = negative ? 1 : 0;
        var count = 0;
        var integerDigits = -1;
        for (; i < text.Length && text[i] != (byte)'E'; i++)
        {
            if (text[i] == (byte)'.')
            {
                integerDigits = count;
            }
            else
            {
                digits[count++] = text[i];
            }
        }

        if (integerDigits < 0)
        {
            integerDigits = count;
        }

        var exponent = 0;
        if (i < text.Length)
        {
            var exponentNegative = text[i + 1] == (byte)'-';
            for (var j = i + 2; j < text.Length; j++)
            {
                exponent = (exponent * 10) + (text[j] - '0');
            }

            if (exponentNegative)
            {
                exponent = -exponent;
            }
        }

        var leadingZeros = 0;
        while (leadingZeros < count && digits[leadingZeros] == (byte)'0')
        {
            leadingZeros++;
        }

        var end = count;
        while (end > leadingZeros && digits[end - 1] == (byte)'0')
        {
            end--;
        }

        digits[leadingZeros..end].CopyTo(digits);
        digitCount = end - leadingZeros;
        pointPosition = integerDigits + exponent - leadingZeros;
        return negative;
    }

    private static int WriteScientific(ReadOnlySpan<byte> digits, int exponent, Span<byte> destination, int position)
    {
        destination[position++] = digits[0];
        if (digits.Length > 1)
        {
            destination[position++] = (byte)'.';
            digits[1..].CopyTo(destination[position..]);
            position += digits.Length - 1;
        }

        destination[position++] = (byte)'e';
        destination[position++] = exponent < 0 ? (byte)'-' : (byte)'+';
        var magnitude = Math.Abs(exponent);
        if (magnitude < 10)
        {
            destination[position++] = (byte)'0';
        }

        magnitude.TryFormat(destination[position..], out var written, default, CultureInfo.InvariantCulture);
        return position + written;
    }

    private static int WriteFixed(ReadOnlySpan<byte> digits, int pointPosition, Span<byte> destination, int position, out bool hasPoint)
    {
        if (pointPosition <= 0)
        {
            destination[position++] = (byte)'0';
            destination[position++] = (byte)'.';
            destination.Slice(position, -pointPosition).Fill((byte)'0');
            position += -pointPosition;
            digits.CopyTo(destination[position..]);
            hasPoint = true;
            return position + digits.Length;
        }

        var integerDigits = Math.Min(pointPosition, digits.Length);
        digits[..integerDigits].CopyTo(destination[position..]);
        position += integerDigits;
        if (pointPosition > digits.Length)
        {
            destination.Slice(position, pointPosition - digits.Length).Fill((byte)'0');
            position += pointPosition - digits.Length;
        }

        hasPoint = digits.Length > pointPosition;
        if (hasPoint)
        {
            destination[position++] = (byte)'.';
            digits[pointPosition..].CopyTo(destination[position..]);
            position += digits.Length - pointPosition;
        }

        return position;
    }

    private static int AppendPointZero(Span<byte> destination, int position)
    {
        destination[position++] = (byte)'.';
        destination[position++] = (byte)'0';
        return position;
    }

    private static int Copy(ReadOnlySpan<byte> text, Span<byte> destination)
    {
        text.CopyTo(destination);
        return text.Length;
    }
}
