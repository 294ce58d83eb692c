namespace StrategicTech.GroundStation.Telemetry;

/// <summary>Which MAVLink message a <see cref="TelemetrySample"/> was decoded from.</summary>
public enum TelemetryKind : byte
{
    Heartbeat,
    SysStatus,
    Attitude,
    GlobalPosition,
    VfrHud,
    GpsRaw,
    Battery,
    StatusText,
    MissionCurrent,
    Home,
    MissionCount,
    MissionItem,
}
