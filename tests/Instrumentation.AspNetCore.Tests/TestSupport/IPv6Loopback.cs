using System.Net;
using System.Net.Sockets;

namespace Instrumentation.AspNetCore.Tests.TestSupport;

/// <summary>
/// The IPv6 loopback <c>::1</c>, which the IPv6 tests of the metrics server need as they need a real Prometheus:
/// without it they fail, saying how to turn it on, rather than skip (a skipped test proves nothing).
/// </summary>
internal static class IPv6Loopback
{
    /// <summary>Throws, with how to fix it, when nothing can listen on <c>::1</c> here.</summary>
    public static void Require()
    {
        if (!Socket.OSSupportsIPv6)
        {
            throw new InvalidOperationException("This test needs the IPv6 loopback ::1, and the OS reports no IPv6 support: enable IPv6 (sysctl -w net.ipv6.conf.all.disable_ipv6=0).");
        }

        try
        {
            using var listener = new TcpListener(IPAddress.IPv6Loopback, 0);
            listener.Start();
            listener.Stop();
        }
        catch (SocketException ex)
        {
            throw new InvalidOperationException($"This test needs the IPv6 loopback ::1, and nothing can listen on it ({ex.SocketErrorCode}): enable it (sysctl -w net.ipv6.conf.lo.disable_ipv6=0).", ex);
        }
    }
}
