using System.Net;
using System.Net.Sockets;

namespace Instrumentation.AspNetCore.Tests.TestSupport;

/// <summary>Whether something accepts TCP connections on a port of this machine.</summary>
internal static class PortProbe
{
    public static async Task<bool> IsListeningAsync(IPAddress address, int port)
    {
        using var client = new TcpClient(address.AddressFamily);
        try
        {
            await client.ConnectAsync(address, port).WaitAsync(TimeSpan.FromSeconds(10));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
