using Instrumentation.Push;

namespace Instrumentation.Tests.Push;

public sealed class PushgatewayPusherTests
{
    [Theory]
    [InlineData("j", ".", "/metrics/job/j/zone@base64/Lg")]
    [InlineData("j", "..", "/metrics/job/j/zone@base64/Li4")]
    [InlineData("..", "x", "/metrics/job@base64/Li4/zone/x")]
    [InlineData(".", "", "/metrics/job@base64/Lg/zone@base64/=")]
    public void PushUri_WithDotSegmentsInTheGroupingKey_IsNotNormalizedAway(string job, string zone, string expectedPath)
    {
        var options = new PushgatewayOptions { Url = "http://gateway.test:9091/base/", Job = job };
        options.GroupingLabels["zone"] = zone;
        using var metrics = new MetricFactory();
        using var pusher = new PushgatewayPusher(options, [metrics]);

        pusher.PushUri.AbsolutePath.Should().Be("/base" + expectedPath);
        pusher.PushUri.GetComponents(UriComponents.PathAndQuery, UriFormat.UriEscaped).Should().Be("/base" + expectedPath);
    }
}
