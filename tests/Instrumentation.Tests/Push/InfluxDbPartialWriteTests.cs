using Instrumentation.Push;

namespace Instrumentation.Tests.Push;

/// <summary>The bodies are InfluxDB 1.6's own answers, captured from a real influxd.</summary>
public sealed class InfluxDbPartialWriteTests
{
    [Fact]
    public void TryCountRejectedPoints_WithUnparseableLines_CountsEachLine()
    {
        const string body = """{"error":"partial write: unable to parse 'p1,v=bad\\ value=2 2': invalid tag format\nunable to parse 'p1,v=bad2\\,w=x value=4 4': invalid tag format dropped=0"}""";

        InfluxDbPartialWrite.TryCountRejectedPoints(body, out var rejected).Should().BeTrue();

        rejected.Should().Be(2);
    }

    [Fact]
    public void TryCountRejectedPoints_WithRefusedPoints_ReadsDropped()
    {
        const string body = """{"error":"partial write: field type conflict: input field \"value\" on measurement \"p2\" is type float, already exists as type integer dropped=2"}""";

        InfluxDbPartialWrite.TryCountRejectedPoints(body, out var rejected).Should().BeTrue();

        rejected.Should().Be(2);
    }

    [Fact]
    public void TryCountRejectedPoints_WithRefusedTagKey_ReadsDropped()
    {
        const string body = """{"error":"partial write: invalid tag key: input tag \"time\" on measurement \"p4\" is invalid dropped=1"}""";

        InfluxDbPartialWrite.TryCountRejectedPoints(body, out var rejected).Should().BeTrue();

        rejected.Should().Be(1);
    }

    [Fact]
    public void TryCountRejectedPoints_WithLineTextLookingLikeTheMarkers_CountsByStructure()
    {
        const string body = """{"error":"partial write: unable to parse 'm,v=unable\\ to\\ parse\\ 'x'\\ dropped=7 value=1 1': invalid tag format dropped=0"}""";

        InfluxDbPartialWrite.TryCountRejectedPoints(body, out var rejected).Should().BeTrue();

        rejected.Should().Be(1);
    }

    [Fact]
    public void TryCountRejectedPoints_WithPartialWriteOfUnknownShape_CountsAtLeastOne()
    {
        InfluxDbPartialWrite.TryCountRejectedPoints("""{"message":"partial write: something new"}""", out var rejected).Should().BeTrue();

        rejected.Should().Be(1);
    }

    [Theory]
    [InlineData("""{"error":"unable to parse 'p3,v=bad\\ value=2 2': invalid tag format\nunable to parse 'p3,v=bad2\\,w=x value=4 4': invalid tag format"}""")]
    [InlineData("""{"error":"database not found: \"nope\""}""")]
    [InlineData("404 page not found")]
    [InlineData("")]
    [InlineData("[\"partial write: x dropped=1\"]")]
    public void TryCountRejectedPoints_WithWholeRefusal_IsFalse(string body)
    {
        InfluxDbPartialWrite.TryCountRejectedPoints(body, out _).Should().BeFalse();
    }
}
