namespace StrategicTech.Autopilot.Flight;

/// <summary>Which failsafe forced the last automatic mode change.</summary>
public enum FailsafeKind
{
    None = 0,

    /// <summary>Manual input lost in a manual mode for longer than COM_RC_LOSS_T (action NAV_RCL_ACT).</summary>
    ManualInputLost = 1,

    /// <summary>Offboard setpoints stopped for longer than COM_OF_LOSS_T (Hold, or Land without a position).</summary>
    OffboardLost = 2,

    /// <summary>The estimate broke the geofence (shapes, GF_MAX_VER_DIST or GF_MAX_HOR_DIST); action GF_ACTION.</summary>
    GeofenceBreach = 3,
}
