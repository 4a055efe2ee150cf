using System.Net;
using System.Net.Sockets;

namespace EconomySim.Testing;

internal static class FreePort
{
    /// <summary>A port on 127.0.0.1 that nothing listens on now (for servers that cannot be given port 0).</summary>
    public static int OnLoopback()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
