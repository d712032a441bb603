using System.Net;
using System.Net.Sockets;

namespace RadiologyNet.Silo;

/// <summary>Finds free loopback TCP ports, so several embedded silos (tests, parallel runs) never collide.</summary>
public static class FreePorts
{
    /// <summary>A port that was free a moment ago.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
