namespace StrategicTech.Autopilot.Flight.Geofence;

/// <summary>GF_ACTION: what a (reactive) geofence breach does, in PX4's numbering.</summary>
public enum GeofenceAction
{
    None = 0,

    /// <summary>Announce only.</summary>
    Warning = 1,
    Hold = 2,
    ReturnToLaunch = 3,

    /// <summary>Flight termination: the motors stop at once (the vehicle falls; a parachute would deploy here).</summary>
    Terminate = 4,
    Land = 5,
}
