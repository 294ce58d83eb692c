namespace StrategicTech.Autopilot.Control.Detection;

/// <summary>Land detector stages, from airborne to confirmed on the ground (as PX4's ground contact → maybe landed → landed).</summary>
public enum LandState
{
    Flying = 0,

    /// <summary>Not moving vertically or horizontally with thrust below hover: touching the ground, maybe still bouncing.</summary>
    GroundContact = 1,

    /// <summary>Also at minimum thrust and not rotating: the controllers may relax (e.g. stop integrating).</summary>
    MaybeLanded = 2,

    /// <summary>All conditions held for the full trigger time, or disarmed. Left only when a takeoff is detected.</summary>
    Landed = 3,
}
