using Instrumentation.Collectors;

namespace Instrumentation.Tests.Collectors;

public sealed class IntervalParserTests
{
    [Theory]
    [InlineData("30s", 30_000)]
    [InlineData("5m", 300_000)]
    [InlineData("2min", 120_000)]
    [InlineData("1h 30m", 5_400_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("500ms", 500)]
    [InlineData("1d", 86_400_000)]
    [InlineData("1w", 604_800_000)]
    [InlineData("1.5h", 5_400_000)]
    [InlineData("2 minutes 3 seconds", 123_000)]
    [InlineData("  45  ", 45_000)]
    [InlineData("250usec 750us", 1)]
    [InlineData("1 hr", 3_600_000)]
    public void Parse_SystemdStyleSpan_ReturnsItsLength(string text, double expectedMilliseconds)
    {
        IntervalParser.Parse(text).TotalMilliseconds.Should().Be(expectedMilliseconds);
    }

    [Theory]
    [InlineData("5x", "unknown unit 'x'")]
    [InlineData("5 fortnights", "unknown unit 'fortnights'")]
    [InlineData("5M", "unknown unit 'M'")]
    [InlineData("m", "expected a number at position 1")]
    [InlineData("1h -5m", "expected a number at position 4")]
    [InlineData("0s", "must be longer than zero")]
    [InlineData("", "is empty")]
    [InlineData("1.2.3s", "expected a number at position 1")]
    public void Parse_InvalidSpan_ThrowsNamingTheTextAndTheAcceptedUnits(string text, string reason)
    {
        var parse = () => IntervalParser.Parse(text);

        var message = parse.Should().Throw<FormatException>().Which.Message;
        message.Should().Contain($"'{text}'").And.Contain(reason);
        if (!reason.Contains("zero", StringComparison.Ordinal))
        {
            message.Should().Contain("us, ms, s, m (or min), h, d, w");
        }
    }

    [Fact]
    public void TryParse_Null_ReturnsFalseWithAMessage()
    {
        IntervalParser.TryParse(null, out var interval, out var error).Should().BeFalse();
        interval.Should().Be(TimeSpan.Zero);
        error.Should().Contain("empty");
    }

    [Fact]
    public void TryParse_TooLong_ReturnsFalse()
    {
        IntervalParser.TryParse("99999999999w", out _, out var error).Should().BeFalse();
        error.Should().Contain("too long");
    }
}
