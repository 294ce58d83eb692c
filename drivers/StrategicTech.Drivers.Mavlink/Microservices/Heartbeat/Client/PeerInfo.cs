using StrategicTech.Drivers.Mavlink.Dialects.Minimal;

namespace StrategicTech.Drivers.Mavlink.Microservices.Heartbeat.Client;

/// <summary>What the last HEARTBEAT of one peer (system id, component id) said, and when it came.</summary>
public readonly record struct PeerInfo(
    byte SystemId,
    byte ComponentId,
    MavType Type,
    MavAutopilot Autopilot,
    MavModeFlag BaseMode,
    uint CustomMode,
    MavState SystemStatus,
    long LastHeartbeatUs,
    bool IsConnected);
