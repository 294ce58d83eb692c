namespace StrategicTech.Autopilot.Flight;

/// <summary>
/// The multirotor flight modes a pilot or ground station selects (PX4's main modes). Armed is separate
/// (<see cref="VehicleStatus.Armed"/>): a disarmed vehicle keeps its mode.
/// </summary>
public enum FlightMode
{
    /// <summary>Sticks command tilt angles and yaw rate; throttle is the collective thrust (hover at mid stick).</summary>
    Stabilized = 0,

    /// <summary>As <see cref="Stabilized"/> horizontally; throttle commands climb rate and the altitude holds when centred.</summary>
    Altitude = 1,

    /// <summary>Sticks command horizontal velocity and climb rate; the position holds (after braking) when centred.</summary>
    Position = 2,

    /// <summary>Flies the uploaded mission.</summary>
    Mission = 3,

    /// <summary>Climbs vertically to the takeoff altitude, then switches to <see cref="Hold"/>.</summary>
    Takeoff = 4,

    /// <summary>Descends where it is, detects touchdown and disarms.</summary>
    Land = 5,

    /// <summary>Climbs to RTL_RETURN_ALT if lower, flies home at cruise speed, descends and lands.</summary>
    ReturnToLaunch = 6,

    /// <summary>Holds the position where the mode was entered (or flies to a reposition target, then holds).</summary>
    Hold = 7,

    /// <summary>Follows position/velocity setpoints streamed by a companion computer or ground station.</summary>
    Offboard = 8,
}
