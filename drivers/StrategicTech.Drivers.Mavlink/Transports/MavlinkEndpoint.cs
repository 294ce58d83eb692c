using System.Globalization;

namespace StrategicTech.Drivers.Mavlink.Transports;

/// <summary>
/// A connection URL in the MAVSDK style: <c>udpin://[host]:port</c> (listen; replies go to peers learned from
/// traffic), <c>udpout://host:port</c>, <c>tcpin://[host]:port</c>, <c>tcpout://host:port</c>,
/// <c>serial:///dev/ttyUSB0[:baud]</c> (default 57600).
/// </summary>
public sealed record MavlinkEndpoint(MavlinkEndpointKind Kind, string Host, int Port, string Device, int BaudRate)
{
    public const int DefaultBaudRate = 57600;

    public override string ToString() => Kind switch
    {
        MavlinkEndpointKind.Serial => $"serial://{Device}:{BaudRate.ToString(CultureInfo.InvariantCulture)}",
        _ => $"{Kind.ToString().ToLowerInvariant()}://{Host}:{Port.ToString(CultureInfo.InvariantCulture)}",
    };

    /// <summary>Parses a URL; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static MavlinkEndpoint Parse(string url) =>
        TryParse(url, out MavlinkEndpoint? endpoint, out string error) ? endpoint : throw new FormatException(error);

    public static bool TryParse(string? url, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out MavlinkEndpoint? endpoint, out string error)
    {
        endpoint = null;
        if (string.IsNullOrWhiteSpace(url))
        {
            error = "connection URL is empty; expected e.g. udpin://0.0.0.0:14550, udpout://127.0.0.1:14550, tcpout://host:5760 or serial:///dev/ttyUSB0:57600";
            return false;
        }

        int scheme = url.IndexOf("://", StringComparison.Ordinal);
        if (scheme <= 0)
        {
            error = $"'{url}': missing scheme; expected udpin://, udpout://, tcpin://, tcpout:// or serial://";
            return false;
        }

        string rest = url[(scheme + 3)..];
        MavlinkEndpointKind? kind = url[..scheme].ToUpperInvariant() switch
        {
            "UDPIN" => MavlinkEndpointKind.UdpIn,
            "UDPOUT" => MavlinkEndpointKind.UdpOut,
            "TCPIN" => MavlinkEndpointKind.TcpIn,
            "TCPOUT" => MavlinkEndpointKind.TcpOut,
            "SERIAL" => MavlinkEndpointKind.Serial,
            _ => null,
        };
        if (kind is null)
        {
            error = $"'{url}': unknown scheme '{url[..scheme]}'; expected udpin, udpout, tcpin, tcpout or serial";
            return false;
        }

        return kind == MavlinkEndpointKind.Serial
            ? TryParseSerial(url, rest, out endpoint, out error)
            : TryParseNetwork(url, kind.Value, rest, out endpoint, out error);
    }

    private static bool TryParseSerial(string url, string rest, out MavlinkEndpoint? endpoint, out string error)
    {
        endpoint = null;
        string device = rest;
        int baud = DefaultBaudRate;
        int colon = rest.LastIndexOf(':');
        if (colon >= 0)
        {
            device = rest[..colon];
            string baudText = rest[(colon + 1)..];
            if (!int.TryParse(baudText, NumberStyles.None, CultureInfo.InvariantCulture, out baud) || baud <= 0)
            {
                error = $"'{url}': baud rate '{baudText}' is not a positive integer";
                return false;
            }
        }

        if (device.Length == 0)
        {
            error = $"'{url}': serial device path is missing (e.g. serial:///dev/ttyUSB0:57600)";
            return false;
        }

        endpoint = new MavlinkEndpoint(MavlinkEndpointKind.Serial, string.Empty, 0, device, baud);
        error = string.Empty;
        return true;
    }

    private static bool TryParseNetwork(string url, MavlinkEndpointKind kind, string rest, out MavlinkEndpoint? endpoint, out string error)
    {
        endpoint = null;
        int colon = rest.LastIndexOf(':');
        if (colon < 0)
        {
            error = $"'{url}': port is missing (e.g. {url.TrimEnd('/')}:14550)";
            return false;
        }

        string host = rest[..colon].Trim('[', ']');
        string portText = rest[(colon + 1)..].TrimEnd('/');
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port is < 0 or > 65535)
        {
            error = $"'{url}': port '{portText}' is not a number from 0 to 65535";
            return false;
        }

        bool listens = kind is MavlinkEndpointKind.UdpIn or MavlinkEndpointKind.TcpIn;
        if (host.Length == 0)
        {
            if (!listens)
            {
                error = $"'{url}': host is missing; {kind.ToString().ToLowerInvariant()} needs the address to connect to";
                return false;
            }

            host = "0.0.0.0";
        }

        if (!listens && port == 0)
        {
            error = $"'{url}': port 0 cannot be connected to";
            return false;
        }

        endpoint = new MavlinkEndpoint(kind, host, port, string.Empty, 0);
        error = string.Empty;
        return true;
    }
}
