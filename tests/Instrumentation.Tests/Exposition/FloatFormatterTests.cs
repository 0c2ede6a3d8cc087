using System.Globalization;
using System.Text;
using Instrumentation.Exposition;

namespace Instrumentation.Tests.Exposition;

public class FloatFormatterTests
{
    private static string Format(double value, FloatStyle style)
    {
        Span<byte> buffer = stackalloc byte[FloatFormatter.MaxLength];
        var length = FloatFormatter.Format(value, buffer, style);
        return Encoding.ASCII.GetString(buffer[..length]);
    }

    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(5.0, "5")]
    [InlineData(-3.0, "-3")]
    [InlineData(0.25, "0.25")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(0.00001234, "1.234e-05")]
    [InlineData(100000.0, "100000")]
    [InlineData(123456.5, "123456.5")]
    [InlineData(1e6, "1e+06")]
    [InlineData(1234567.0, "1.234567e+06")]
    [InlineData(123456789.0, "1.23456789e+08")]
    [InlineData(1e21, "1e+21")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157e+308")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(0.1 + 0.2, "0.30000000000000004")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(double.NaN, "NaN")]
    public void Format_General_MatchesGoShortestG(double value, string expected) =>
        Format(value, FloatStyle.General).Should().Be(expected);

    // The specification's own lists of canonical renderings (OpenMetrics 1.0, "Considerations: Canonical Numbers").
    [Theory]
    [InlineData(0.0, "0.0")]
    [InlineData(0.001, "0.001")]
    [InlineData(0.002, "0.002")]
    [InlineData(0.01, "0.01")]
    [InlineData(0.1, "0.1")]
    [InlineData(0.9, "0.9")]
    [InlineData(0.95, "0.95")]
    [InlineData(0.99, "0.99")]
    [InlineData(0.999, "0.999")]
    [InlineData(1.0, "1.0")]
    [InlineData(1.7, "1.7")]
    [InlineData(10.0, "10.0")]
    [InlineData(1e-10, "1e-10")]
    [InlineData(1e-09, "1e-09")]
    [InlineData(1e-05, "1e-05")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(100000.0, "100000.0")]
    [InlineData(1e+06, "1e+06")]
    [InlineData(1e+10, "1e+10")]
    [InlineData(1e+23, "1e+23")]
    [InlineData(1.1e+23, "1.1e+23")]
    [InlineData(0.005, "0.005")]
    [InlineData(-1.0, "-1.0")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    public void Format_Canonical_MatchesSpecificationExamples(double value, string expected) =>
        Format(value, FloatStyle.Canonical).Should().Be(expected);

    [Theory]
    [InlineData(1700000000.123, "1700000000.123")]
    [InlineData(1700000000.0, "1700000000.0")]
    [InlineData(1604676851.5, "1604676851.5")]
    [InlineData(0.0, "0.0")]
    [InlineData(1e25, "1e+25")]
    public void Format_Timestamp_UsesNoExponentForRealisticTimes(double value, string expected) =>
        Format(value, FloatStyle.Timestamp).Should().Be(expected);

    [Fact]
    public void Format_EveryThousandthUpToTen_IsCanonicalAndRoundTrips()
    {
        for (var i = 0; i <= 10_000; i++)
        {
            var value = i / 1000.0;
            var text = Format(value, FloatStyle.Canonical);

            double.Parse(text, CultureInfo.InvariantCulture).Should().Be(value);
            text.Should().MatchRegex(@"^[0-9]+\.[0-9]+$", $"{value} is in the fixed range of Go's %g");
            text.Should().Be(value.ToString("0.0##", CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void Format_RandomBitPatterns_RoundTripInEveryStyle()
    {
        var random = new Random(20240229);
        Span<byte> bits = stackalloc byte[8];
        for (var i = 0; i < 50_000; i++)
        {
            random.NextBytes(bits);
            var value = BitConverter.ToDouble(bits);
            if (!double.IsFinite(value))
            {
                continue;
            }

            foreach (var style in new[] { FloatStyle.General, FloatStyle.Canonical, FloatStyle.Timestamp })
            {
                var text = Format(value, style);
                double.Parse(text, CultureInfo.InvariantCulture).Should().Be(value, $"'{text}' ({style}) must read back as {value:R}");
            }
        }
    }
}
