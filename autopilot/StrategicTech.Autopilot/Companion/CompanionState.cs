namespace StrategicTech.Autopilot.Companion;

/// <summary>Where the companion is in driving the flight controller. Each change is logged as a <see cref="CompanionTransition"/>.</summary>
public enum CompanionState
{
    /// <summary>No HEARTBEAT from a flight controller yet.</summary>
    WaitingForFlightController,

    /// <summary>Connected; waiting for a fresh LOCAL_POSITION_NED and HOME_POSITION (the route is planned from home).</summary>
    WaitingForPosition,

    /// <summary>Streaming a hold setpoint before asking for OFFBOARD, as PX4 requires.</summary>
    PreStreaming,

    /// <summary>MAV_CMD_DO_SET_MODE to OFFBOARD (PX4) or GUIDED (ArduPilot) sent; waiting for its ACK and the HEARTBEAT.</summary>
    SwitchingMode,

    /// <summary>MAV_CMD_COMPONENT_ARM_DISARM sent; waiting for its ACK and the armed flag.</summary>
    Arming,

    /// <summary>Climbing to the takeoff height (streamed climb on PX4, MAV_CMD_NAV_TAKEOFF on ArduPilot).</summary>
    TakingOff,

    /// <summary>Streaming the route's setpoints.</summary>
    FlyingRoute,

    /// <summary>Land command sent; waiting until the vehicle is on the ground and disarmed.</summary>
    Landing,

    /// <summary>Route flown, landed and disarmed (or hovering at the end when no landing was asked): done.</summary>
    Completed,

    /// <summary>The companion's failsafe acted (<see cref="CompanionFailsafeReason"/>): streaming stopped, the vehicle left to the flight controller's hold.</summary>
    Failsafe,

    /// <summary>The flight controller refused a handshake for good (or is a firmware the companion does not drive): nothing more is sent.</summary>
    Failed,
}

/// <summary>Why the companion's failsafe acted.</summary>
public enum CompanionFailsafeReason
{
    None = 0,

    /// <summary>Nothing from the flight controller (telemetry and HEARTBEAT) for longer than the position timeout, or no HEARTBEAT for longer than the heartbeat timeout.</summary>
    LinkLost,

    /// <summary>No LOCAL_POSITION_NED for longer than the position timeout: the companion cannot close its loop.</summary>
    PositionStale,

    /// <summary>The companion's own setpoint stream fell below its rate (loop overruns, send queue full).</summary>
    StreamDegraded,

    /// <summary>The flight controller left OFFBOARD/GUIDED (its own failsafe, or a pilot took over).</summary>
    LeftGuidedMode,

    /// <summary>The flight controller disarmed in the air or before the route was flown.</summary>
    Disarmed,
}

/// <summary>One logged state change: when, from what, to what, and why in words.</summary>
public readonly record struct CompanionTransition(long TimeUs, CompanionState From, CompanionState To, CompanionFailsafeReason Failsafe, string Reason)
{
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"t {TimeUs / 1e6,8:F2} s  {From} -> {To}: {Reason}");
}
