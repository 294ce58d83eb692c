namespace StrategicTech.Drivers.Mavlink.Transports;

/// <summary>Opens the transport a connection URL names.</summary>
public static class MavlinkTransports
{
    /// <summary>Opens (binds, listens or opens the port for) <paramref name="url"/>; throws <see cref="FormatException"/> for a malformed URL.</summary>
    public static IMavlinkTransport Open(string url)
    {
        MavlinkEndpoint endpoint = MavlinkEndpoint.Parse(url);
        return endpoint.Kind switch
        {
            MavlinkEndpointKind.UdpIn or MavlinkEndpointKind.UdpOut => new UdpTransport(endpoint),
            MavlinkEndpointKind.TcpIn or MavlinkEndpointKind.TcpOut => new TcpTransport(endpoint),
            _ => new SerialTransport(endpoint),
        };
    }
}
