using System.Net;
using System.Net.Sockets;

namespace Instrumentation.AspNetCore.Tests.TestSupport;

/// <summary>A fact skipped, with the reason, on machines where nothing can listen on the IPv6 loopback <c>::1</c>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class IPv6LoopbackFactAttribute : FactAttribute
{
    public IPv6LoopbackFactAttribute()
    {
        if (!HasIPv6Loopback())
        {
            Skip = "This machine has no IPv6 loopback (::1); the IPv6 URL building is covered by unit tests.";
        }
    }

    private static bool HasIPv6Loopback()
    {
        if (!Socket.OSSupportsIPv6)
        {
            return false;
        }

        try
        {
            using var listener = new TcpListener(IPAddress.IPv6Loopback, 0);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
