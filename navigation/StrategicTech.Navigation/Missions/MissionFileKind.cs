namespace StrategicTech.Navigation.Missions;

/// <summary>What a mission-format file holds: a mission, a geofence or rally points (ArduPilot saves all three as QGC WPL).</summary>
public enum MissionFileKind
{
    Mission,
    Fence,
    Rally,
}
