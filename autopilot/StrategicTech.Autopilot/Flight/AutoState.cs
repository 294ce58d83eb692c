namespace StrategicTech.Autopilot.Flight;

/// <summary>
/// What the <see cref="Navigator"/> (the autonomous setpoint generator beneath the flight modes) is doing.
/// Takeoff, Hold (including a reposition), Mission, Land and the return use these; the manual and offboard modes set
/// the setpoint themselves (<see cref="External"/>).
/// </summary>
public enum AutoState
{
    /// <summary>Motors off, on the ground.</summary>
    Disarmed = 0,

    /// <summary>Climbing vertically from the arming point to the takeoff height.</summary>
    Takeoff = 1,

    /// <summary>Holding a position (the end of every other state).</summary>
    Hold = 2,

    /// <summary>Flying a straight line to a target position.</summary>
    Goto = 3,

    /// <summary>Descending at the landing speed until the land detector confirms touchdown, then disarming.</summary>
    Land = 4,

    /// <summary>Armed, the setpoint comes from outside (manual and offboard modes); only the land detector runs.</summary>
    External = 5,
}
