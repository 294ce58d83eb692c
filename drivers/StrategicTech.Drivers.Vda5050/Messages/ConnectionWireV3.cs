using System.Text.Json.Serialization;

namespace StrategicTech.Drivers.Vda5050.Messages;

/// <summary>
/// The 3.0.0 wire form of <see cref="Connection"/>: 3.0 spells the broken state CONNECTION_BROKEN (2.x:
/// CONNECTIONBROKEN) and adds HIBERNATING, which we never send and reject on receipt (we do not hibernate).
/// </summary>
internal sealed class ConnectionWireV3 : Vda5050Message
{
    [JsonPropertyName("connectionState")]
    public required string ConnectionState { get; set; }

    public static ConnectionWireV3 From(Connection c) => new()
    {
        HeaderId = c.HeaderId,
        Timestamp = c.Timestamp,
        Version = c.Version,
        Manufacturer = c.Manufacturer,
        SerialNumber = c.SerialNumber,
        ConnectionState = c.ConnectionState switch
        {
            Messages.ConnectionState.Online => "ONLINE",
            Messages.ConnectionState.Offline => "OFFLINE",
            _ => "CONNECTION_BROKEN",
        },
    };

    public bool TryToConnection(out Connection? connection)
    {
        Messages.ConnectionState? state = ConnectionState switch
        {
            "ONLINE" => Messages.ConnectionState.Online,
            "OFFLINE" => Messages.ConnectionState.Offline,
            "CONNECTION_BROKEN" => Messages.ConnectionState.ConnectionBroken,
            _ => null,
        };
        connection = state is null ? null : new Connection
        {
            HeaderId = HeaderId,
            Timestamp = Timestamp,
            Version = Version,
            Manufacturer = Manufacturer,
            SerialNumber = SerialNumber,
            ConnectionState = state.Value,
        };
        return connection is not null;
    }
}
