namespace StrategicTech.Drivers.Mavlink.Microservices.Heartbeat.Client;

/// <summary>What happened to a peer.</summary>
public enum PeerEventKind
{
    /// <summary>First HEARTBEAT from this system/component.</summary>
    Discovered,

    /// <summary>No HEARTBEAT for longer than the timeout.</summary>
    Lost,

    /// <summary>A HEARTBEAT after the peer was lost.</summary>
    Regained,

    /// <summary>Type, autopilot, base mode, custom mode or system status differ from the previous HEARTBEAT.</summary>
    Changed,
}

/// <summary>A connection event with the peer's state at that moment (time from the node's clock).</summary>
public readonly record struct PeerEvent(PeerEventKind Kind, PeerInfo Peer, long TimeUs);
