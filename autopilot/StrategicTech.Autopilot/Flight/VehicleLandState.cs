namespace StrategicTech.Autopilot.Flight;

/// <summary>What the land detector says (EXTENDED_SYS_STATE.landed_state takes TAKEOFF/LANDING from the mode).</summary>
public enum VehicleLandState
{
    OnGround = 0,

    /// <summary>Touching the ground with low thrust, not yet confirmed (may still be bouncing).</summary>
    MaybeLanded = 1,

    InAir = 2,
}
