namespace StrategicTech.Autopilot.Flight;

/// <summary>Multirotor flight modes of the autonomous slice (manual and offboard modes come with MAVLink).</summary>
public enum FlightMode
{
    /// <summary>Motors off, on the ground.</summary>
    Disarmed = 0,

    /// <summary>Climbing vertically from the arming point to the takeoff height.</summary>
    Takeoff = 1,

    /// <summary>Holding a position (the end of every other mode).</summary>
    Hold = 2,

    /// <summary>Flying a straight line to a target position.</summary>
    Goto = 3,

    /// <summary>Descending at the landing speed until the land detector confirms touchdown, then disarming.</summary>
    Land = 4,
}
