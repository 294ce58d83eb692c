namespace StrategicTech.Autopilot.Flight;

/// <summary>Result of a vehicle command (maps onto MAV_RESULT: ACCEPTED, DENIED, UNSUPPORTED, FAILED).</summary>
public enum CommandOutcome
{
    /// <summary>Done or started.</summary>
    Accepted = 0,

    /// <summary>Valid but refused in the current state (e.g. arming checks failed, disarm in the air).</summary>
    Denied = 1,

    /// <summary>The vehicle does not support this command or value.</summary>
    Unsupported = 2,

    /// <summary>Bad argument (not finite, out of range, malformed mission).</summary>
    Failed = 3,
}
