using System.Net;
using Instrumentation.Hosting;

namespace Instrumentation.Tests.Hosting;

public sealed class MetricsServerHostTests
{
    [Theory]
    [InlineData("127.0.0.1", 5001, "http://127.0.0.1:5001/metrics")]
    [InlineData("10.0.0.5", 9100, "http://10.0.0.5:9100/metrics")]
    [InlineData("::1", 5001, "http://[::1]:5001/metrics")]
    [InlineData("[::1]", 5001, "http://[::1]:5001/metrics")]
    [InlineData("fd00::2", 8080, "http://[fd00::2]:8080/metrics")]
    [InlineData("::", 5001, "http://[::]:5001/metrics")]
    [InlineData("0.0.0.0", 5001, "http://0.0.0.0:5001/metrics")]
    [InlineData("localhost", 5001, "http://localhost:5001/metrics")]
    [InlineData("*", 5001, "http://localhost:5001/metrics")]
    public void Url_OfAnAcceptedHost_IsAValidUrlWithIPv6InBrackets(string host, int port, string expected)
    {
        MetricsServerHost.TryParse(host, out var parsed, out var error).Should().BeTrue(error);

        parsed.Url(port, "/metrics").Should().Be(new Uri(expected));
        parsed.Url(port, "/metrics").ToString().Should().Be(expected);
    }

    [Fact]
    public void TryParse_IPv6WithAScopeId_KeepsTheScope_AndBuildsAUrl()
    {
        MetricsServerHost.TryParse("fe80::1%2", out var parsed, out _).Should().BeTrue();

        parsed.Address!.ScopeId.Should().Be(2);
        parsed.Url(5001, "/metrics").IsAbsoluteUri.Should().BeTrue();
    }

    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1")]
    [InlineData("::1", "::1")]
    [InlineData("[::1]", "::1")]
    [InlineData("0:0:0:0:0:0:0:1", "::1")]
    public void TryParse_AnIPAddress_ListensOnThatAddress(string host, string address)
    {
        MetricsServerHost.TryParse(host, out var parsed, out _).Should().BeTrue();

        parsed.Kind.Should().Be(MetricsServerHostKind.Address);
        parsed.Address.Should().Be(IPAddress.Parse(address));
    }

    [Theory]
    [InlineData("127.0.0.1:9100", "has a port; put the port in Metrics:Server:Port")]
    [InlineData("[::1]:9100", "has a port; put the port in Metrics:Server:Port")]
    [InlineData("localhost:9100", "has a port; put the port in Metrics:Server:Port")]
    [InlineData("127.1", "must be an IP address")]
    [InlineData("0x7f.0.0.1", "must be an IP address")]
    [InlineData("010.0.0.1", "must be an IP address")]
    [InlineData("256.0.0.1", "must be an IP address")]
    [InlineData("[127.0.0.1]", "must be an IP address")]
    [InlineData("[::1", "must be an IP address")]
    [InlineData("::1]", "must be an IP address")]
    [InlineData("metrics.internal", "host names other than 'localhost' are not resolved")]
    [InlineData("", "is empty")]
    [InlineData(" ", "is empty")]
    [InlineData(null, "is empty")]
    public void TryParse_ABadHost_FailsSayingWhatIsWrongAndHowToFixIt(string? host, string expected)
    {
        MetricsServerHost.TryParse(host, out _, out var error).Should().BeFalse();

        error.Should().Contain(expected);
    }
}
