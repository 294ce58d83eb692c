namespace StrategicTech.Autopilot.Flight;

/// <summary>Status text severity, numerically MAV_SEVERITY (0 emergency … 7 debug).</summary>
public enum StatusSeverity : byte
{
    Emergency = 0,
    Alert = 1,
    Critical = 2,
    Error = 3,
    Warning = 4,
    Notice = 5,
    Info = 6,
    Debug = 7,
}
