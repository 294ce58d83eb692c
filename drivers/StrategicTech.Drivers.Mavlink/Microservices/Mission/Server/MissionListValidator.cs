using StrategicTech.Drivers.Mavlink.Dialects.Common;

namespace StrategicTech.Drivers.Mavlink.Microservices.Mission.Server;

/// <summary>
/// The vehicle's verdict on a complete uploaded list of <paramref name="type"/>: MAV_MISSION_ACCEPTED applies it,
/// any other result is the final MISSION_ACK and the previous list stays.
/// </summary>
public delegate MavMissionResult MissionListValidator(MavMissionType type, ReadOnlySpan<MissionPlanItem> items);
