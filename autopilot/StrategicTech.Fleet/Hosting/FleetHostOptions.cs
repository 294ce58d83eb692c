namespace StrategicTech.Fleet.Hosting;

/// <summary>
/// How the fleet manager process runs. Embedded by default: its own MQTT broker on <see cref="BrokerPort"/> and a
/// SQLite file; an external broker (e.g. Mosquitto) by setting <see cref="EmbeddedBroker"/> false and the host/port.
/// </summary>
public sealed record FleetHostOptions
{
    public int HttpPort { get; init; } = 8080;

    /// <summary>Address the HTTP API listens on (loopback by default; "0.0.0.0" to serve a site network).</summary>
    public string HttpAddress { get; init; } = "127.0.0.1";

    public bool EmbeddedBroker { get; init; } = true;

    public string BrokerHost { get; init; } = "127.0.0.1";

    /// <summary>
    /// With the embedded broker: take robot states inside the broker (<see cref="EmbeddedBrokerStateTap"/>) instead
    /// of through the master's MQTT subscription. Off only to measure the subscription path (<c>fleet bench --no-state-tap</c>).
    /// </summary>
    public bool StateTap { get; init; } = true;

    public int BrokerPort { get; init; } = 1883;

    /// <summary>SQLite file path, or a PostgreSQL URL (<c>postgres://user[:password]@host[:port]/database</c>) for an external database.</summary>
    public string DatabasePath { get; init; } = "fleet.db";

    public string ProtocolVersion { get; init; } = "2.0.0";

    public string InterfaceName { get; init; } = "uagv";

    /// <summary>3.0 only: a zone file (the JSON of a 3.0 zoneSet object, see <see cref="Drivers.Vda5050.Zones.ZoneSetFile"/>) sent to every robot as its zone set; none: no zones.</summary>
    public string? ZoneSetPath { get; init; }

    /// <summary>Period of the fleet loop (release moves, close and start episodes, send messages), ms.</summary>
    public int TickMs { get; init; } = 20;
}
