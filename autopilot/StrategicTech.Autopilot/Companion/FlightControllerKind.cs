using StrategicTech.Drivers.Mavlink.Dialects.Minimal;

namespace StrategicTech.Autopilot.Companion;

/// <summary>The autopilot firmware on the other end of the link, as its HEARTBEAT's <c>autopilot</c> field says.</summary>
public enum FlightControllerKind
{
    /// <summary>No heartbeat yet, or a firmware the companion does not drive.</summary>
    Unknown = 0,

    /// <summary>MAV_AUTOPILOT_PX4 (12): OFFBOARD through PX4's custom main/sub mode.</summary>
    Px4 = 1,

    /// <summary>MAV_AUTOPILOT_ARDUPILOTMEGA (3): GUIDED through ArduPilot's flat mode number.</summary>
    ArduPilot = 2,
}

/// <summary>Detection of the firmware from a HEARTBEAT.</summary>
public static class FlightControllerKinds
{
    public static FlightControllerKind Detect(MavAutopilot autopilot) => autopilot switch
    {
        MavAutopilot.Px4 => FlightControllerKind.Px4,
        MavAutopilot.Ardupilotmega => FlightControllerKind.ArduPilot,
        _ => FlightControllerKind.Unknown,
    };

    /// <summary>True for a HEARTBEAT that comes from a flight controller (not a ground station, companion or gimbal).</summary>
    public static bool IsFlightController(MavType type, MavAutopilot autopilot) =>
        autopilot != MavAutopilot.Invalid && type is not (MavType.Gcs or MavType.OnboardController or MavType.Gimbal or MavType.Camera or MavType.Adsb);
}
