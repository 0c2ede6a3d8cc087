using Instrumentation.Push;

namespace Instrumentation.Tests.Push;

public sealed class PushgatewayGroupingKeyTests
{
    [Fact]
    public void Path_WithPlainValues_WritesJobThenLabelsInNameOrder()
    {
        var path = PushgatewayGroupingKey.Path("nightly", new Dictionary<string, string> { ["zone"] = "eu", ["instance"] = "host-1" });

        path.Should().Be("/metrics/job/nightly/instance/host-1/zone/eu");
    }

    [Fact]
    public void Path_WithSlashInValue_UsesUnpaddedUrlSafeBase64()
    {
        // "/var/tmp" is L3Zhci90bXA= in standard base64; unpadded it is L3Zhci90bXA.
        var path = PushgatewayGroupingKey.Path("cleaner", new Dictionary<string, string> { ["path"] = "/var/tmp" });

        path.Should().Be("/metrics/job/cleaner/path@base64/L3Zhci90bXA");
    }

    [Fact]
    public void Path_WithBase64NeedingUrlSafeAlphabet_WritesDashAndUnderscore()
    {
        // "a/?>" encodes to YS8/Pg== in standard base64: '/' must become '_', '+' '-', padding dropped.
        var path = PushgatewayGroupingKey.Path("j", new Dictionary<string, string> { ["v"] = "a/?>" });

        path.Should().Be("/metrics/job/j/v@base64/YS8_Pg");
    }

    [Fact]
    public void Path_WithEmptyValue_WritesBase64SingleEquals()
    {
        var path = PushgatewayGroupingKey.Path("j", new Dictionary<string, string> { ["instance"] = string.Empty });

        path.Should().Be("/metrics/job/j/instance@base64/=");
    }

    [Fact]
    public void Path_WithSlashInJob_EncodesTheJobToo()
    {
        PushgatewayGroupingKey.Path("a/b", []).Should().Be("/metrics/job@base64/YS9i");
    }

    [Theory]
    [InlineData(".", "Lg")]
    [InlineData("..", "Li4")]
    public void Path_WithDotSegmentValue_UsesBase64SoNoDotSegmentRemains(string value, string base64)
    {
        var path = PushgatewayGroupingKey.Path("j", new Dictionary<string, string> { ["zone"] = value });

        path.Should().Be($"/metrics/job/j/zone@base64/{base64}");
    }

    [Theory]
    [InlineData(".", "/metrics/job@base64/Lg")]
    [InlineData("..", "/metrics/job@base64/Li4")]
    public void Path_WithDotSegmentJob_EncodesTheJob(string job, string expected)
    {
        PushgatewayGroupingKey.Path(job, []).Should().Be(expected);
    }

    [Theory]
    [InlineData("...")]
    [InlineData(".a")]
    [InlineData("a.")]
    public void Path_WithDotsThatAreNoDotSegment_KeepsThemPlain(string value)
    {
        var path = PushgatewayGroupingKey.Path("j", new Dictionary<string, string> { ["zone"] = value });

        path.Should().Be($"/metrics/job/j/zone/{value}");
    }

    [Fact]
    public void Path_WithSpacesAndReservedCharacters_PercentEncodes()
    {
        var path = PushgatewayGroupingKey.Path("my job", new Dictionary<string, string> { ["host"] = "db:5432?x=1&y é" });

        path.Should().Be("/metrics/job/my%20job/host/db%3A5432%3Fx%3D1%26y%20%C3%A9");
    }
}
