namespace StrategicTech.Autopilot.Flight;

/// <summary>The failsafe conditions, one bit each in <see cref="FailsafeMonitor.ActiveConditions"/> (bit = 1 &lt;&lt; value).</summary>
public enum FailsafeKind
{
    None = 0,

    /// <summary>Manual input lost in a manual mode for longer than COM_RC_LOSS_T (action NAV_RCL_ACT).</summary>
    ManualInputLost = 1,

    /// <summary>Offboard setpoints stopped for longer than COM_OF_LOSS_T (Hold, or Land without a position).</summary>
    OffboardLost = 2,

    /// <summary>No ground-station HEARTBEAT for COM_DL_LOSS_T after one was seen (action NAV_DLL_ACT).</summary>
    DataLinkLost = 3,

    /// <summary>Battery below BAT_LOW_THR (warning).</summary>
    BatteryLow = 4,

    /// <summary>Battery below BAT_CRIT_THR (COM_LOW_BAT_ACT: warn, land, or return).</summary>
    BatteryCritical = 5,

    /// <summary>Battery below BAT_EMERGEN_THR (COM_LOW_BAT_ACT: warn or land).</summary>
    BatteryEmergency = 6,

    /// <summary>No horizontal aiding (GNSS lost, dead reckoning) for COM_POS_FS_DELAY: land.</summary>
    PositionLost = 7,

    /// <summary>Estimator innovation test ratio above FS_EKF_THRESH for COM_POS_FS_DELAY: land.</summary>
    EstimatorFailure = 8,

    /// <summary>Geofence breached (input from the fence; action GF_ACTION).</summary>
    GeofenceBreached = 9,

    /// <summary>A motor failed (input from the failure detector; action COM_ACT_FAIL_ACT).</summary>
    MotorFailure = 10,

    /// <summary>Flight time above COM_FLT_TIME_MAX: return.</summary>
    FlightTimeExceeded = 11,

    /// <summary>Roll or pitch beyond FD_FAIL_R / FD_FAIL_P for FD_FAIL_R_TTRI (flipped, crashed): terminate.</summary>
    Crash = 12,

    /// <summary>A shock of several g while moving faster than a landing (hard touchdown, flown into the ground): disarm.</summary>
    HardImpact = 13,
}
