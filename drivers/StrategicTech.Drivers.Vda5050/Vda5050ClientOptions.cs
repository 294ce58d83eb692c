namespace StrategicTech.Drivers.Vda5050;

/// <summary>
/// Where and how a client connects: broker host and port, the topic prefix (interface name), this side's
/// identity, and the protocol version of this connection ("2.0.0", "2.1.0" or "3.0.0"; a peer such as one that
/// speaks only 2.0.0 rejects any other version string, so it is chosen per connection).
/// </summary>
public sealed record Vda5050ClientOptions(
    string BrokerHost,
    int BrokerPort,
    string Manufacturer,
    string SerialNumber,
    string ProtocolVersion = "2.0.0",
    string InterfaceName = "uagv")
{
    public static readonly IReadOnlyList<string> SupportedVersions = ["2.0.0", "2.1.0", "3.0.0"];

    internal void Check()
    {
        if (!SupportedVersions.Contains(ProtocolVersion))
        {
            throw new ArgumentException($"protocol version '{ProtocolVersion}' is not one of {string.Join(", ", SupportedVersions)}");
        }
    }
}
