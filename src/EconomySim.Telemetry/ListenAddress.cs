using System.Globalization;
using System.Net;

namespace EconomySim.Telemetry;

/// <summary>Parses the [HOST:]PORT of --prometheus and --port. With no host, the address is 127.0.0.1.</summary>
public static class ListenAddress
{
    public static bool TryParse(string text, out IPEndPoint endpoint, out string error)
    {
        endpoint = null!;
        text = text.Trim();
        string host, port;
        var colon = text.LastIndexOf(':');
        if (colon < 0)
        {
            host = "";
            port = text;
        }
        else
        {
            host = text[..colon];
            port = text[(colon + 1)..];
        }
        if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number > 65535)
        {
            error = $"'{text}' has no port number from 0 to 65535; give PORT or HOST:PORT, e.g. 9464 or 127.0.0.1:9464";
            return false;
        }
        IPAddress address;
        if (host.Length == 0 || host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
            address = IPAddress.Loopback;
        else if (!IPAddress.TryParse(host.Trim('[', ']'), out address!))
        {
            error = $"'{host}' is not an IP address; give one such as 127.0.0.1, 0.0.0.0 (every interface) or [::1]";
            return false;
        }
        endpoint = new IPEndPoint(address, number);
        error = "";
        return true;
    }
}
