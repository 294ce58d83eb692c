namespace StrategicTech.Drivers.Mavlink.Transports;

public enum MavlinkEndpointKind
{
    UdpIn,
    UdpOut,
    TcpIn,
    TcpOut,
    Serial,
}
