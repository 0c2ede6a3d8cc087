using System.Globalization;
using Instrumentation.AspNetCore.Endpoints;
using Microsoft.Extensions.Primitives;

namespace Instrumentation.AspNetCore.Tests.Endpoints;

public sealed class ScrapeTimeoutHeaderTests
{
    [Theory]
    [InlineData("10", 10_000)]
    [InlineData("0.5", 500)]
    [InlineData("1.25", 1_250)]
    [InlineData("1e1", 10_000)]
    [InlineData(" 2 ", 2_000)]
    [InlineData("86400", 86_400_000)]
    public void TryParse_PositiveSecondsInInvariantCulture_ReadsTheTimeout(string value, int milliseconds)
    {
        ScrapeTimeoutHeader.TryParse(new StringValues(value), out var timeout).Should().BeTrue();

        timeout.Should().Be(TimeSpan.FromMilliseconds(milliseconds));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("-1")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1e400")]
    [InlineData("0,5")]
    [InlineData("1,000")]
    [InlineData("10s")]
    [InlineData("0x10")]
    [InlineData("86401")]
    public void TryParse_MalformedOrOutOfRange_IsIgnored(string value)
    {
        ScrapeTimeoutHeader.TryParse(new StringValues(value), out _).Should().BeFalse();
    }

    [Fact]
    public void TryParse_AbsentOrRepeated_IsIgnored()
    {
        ScrapeTimeoutHeader.TryParse(StringValues.Empty, out _).Should().BeFalse();
        ScrapeTimeoutHeader.TryParse(new StringValues(["1", "2"]), out _).Should().BeFalse();
    }

    [Fact]
    public void TryParse_UnderACultureWithADecimalComma_StillReadsInvariantNumbers()
    {
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            ScrapeTimeoutHeader.TryParse(new StringValues("0.5"), out var timeout).Should().BeTrue();
            timeout.Should().Be(TimeSpan.FromMilliseconds(500));
            ScrapeTimeoutHeader.TryParse(new StringValues("0,5"), out _).Should().BeFalse();
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Theory]
    [InlineData(10_000, 9_750)]
    [InlineData(2_500, 2_250)]
    [InlineData(1_000, 900)]
    [InlineData(500, 450)]
    [InlineData(10, 9)]
    public void CallbackShare_KeepsBackATenthOfTheTimeout_AtMost250Milliseconds(int timeoutMilliseconds, int shareMilliseconds)
    {
        ScrapeTimeoutHeader.CallbackShare(TimeSpan.FromMilliseconds(timeoutMilliseconds)).Should().Be(TimeSpan.FromMilliseconds(shareMilliseconds));
    }
}
