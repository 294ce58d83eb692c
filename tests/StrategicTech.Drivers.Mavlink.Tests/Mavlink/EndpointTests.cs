using StrategicTech.Drivers.Mavlink.Transports;

namespace StrategicTech.Drivers.Mavlink.Tests.Mavlink;

/// <summary>MAVSDK-style connection URLs parse, and malformed ones say what is wrong.</summary>
public sealed class EndpointTests
{
    [Theory]
    [InlineData("udpin://0.0.0.0:14540", MavlinkEndpointKind.UdpIn, "0.0.0.0", 14540)]
    [InlineData("udpin://:14550", MavlinkEndpointKind.UdpIn, "0.0.0.0", 14550)]
    [InlineData("udpout://127.0.0.1:14550", MavlinkEndpointKind.UdpOut, "127.0.0.1", 14550)]
    [InlineData("tcpin://0.0.0.0:5760", MavlinkEndpointKind.TcpIn, "0.0.0.0", 5760)]
    [InlineData("tcpout://192.168.1.12:5760", MavlinkEndpointKind.TcpOut, "192.168.1.12", 5760)]
    [InlineData("UDPOUT://[::1]:14550", MavlinkEndpointKind.UdpOut, "::1", 14550)]
    public void Network_urls_parse(string url, MavlinkEndpointKind kind, string host, int port)
    {
        MavlinkEndpoint endpoint = MavlinkEndpoint.Parse(url);
        Assert.Equal(kind, endpoint.Kind);
        Assert.Equal(host, endpoint.Host);
        Assert.Equal(port, endpoint.Port);
    }

    [Theory]
    [InlineData("serial:///dev/ttyUSB0:57600", "/dev/ttyUSB0", 57600)]
    [InlineData("serial:///dev/ttyACM0:921600", "/dev/ttyACM0", 921600)]
    [InlineData("serial:///dev/ttyS1", "/dev/ttyS1", 57600)]
    public void Serial_urls_parse(string url, string device, int baud)
    {
        MavlinkEndpoint endpoint = MavlinkEndpoint.Parse(url);
        Assert.Equal(MavlinkEndpointKind.Serial, endpoint.Kind);
        Assert.Equal(device, endpoint.Device);
        Assert.Equal(baud, endpoint.BaudRate);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("127.0.0.1:14550", "missing scheme")]
    [InlineData("udp://127.0.0.1:14550", "unknown scheme 'udp'")]
    [InlineData("udpout://127.0.0.1", "port is missing")]
    [InlineData("udpout://:14550", "host is missing")]
    [InlineData("tcpout://host:70000", "port '70000'")]
    [InlineData("udpin://0.0.0.0:abc", "port 'abc'")]
    [InlineData("serial:///dev/ttyUSB0:fast", "baud rate 'fast'")]
    [InlineData("serial://:57600", "device path is missing")]
    public void Malformed_urls_name_what_is_wrong(string url, string expected)
    {
        Assert.False(MavlinkEndpoint.TryParse(url, out _, out string error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
        var thrown = Assert.Throws<FormatException>(() => MavlinkEndpoint.Parse(url));
        Assert.Equal(error, thrown.Message);
    }
}
