namespace StrategicTech.Autopilot.Flight;

/// <summary>
/// What the <see cref="FailsafeMonitor"/> judges at one position update: the mode, whether the pilot's sticks and
/// the offboard setpoints are fresh (within COM_RC_LOSS_T / COM_OF_LOSS_T), whether a position and a home exist
/// for the recovery modes, and the raw state of the other conditions (each false / NaN / zero when healthy or not
/// measured). Delays and hysteresis are the monitor's.
/// </summary>
public readonly record struct FailsafeInputs(FlightMode Mode, bool ManualFresh, bool OffboardFresh, bool HasPosition, bool HomeSet)
{
    /// <summary>Time of the update (µs), for the delays and the flight time.</summary>
    public long TimeUs { get; init; }

    public bool Armed { get; init; }

    /// <summary>
    /// An RC receiver was heard and has delivered no valid frame for longer than COM_RC_LOSS_T (its own failsafe
    /// flag counts as no frame). Unlike stick loss over MAVLink this counts in the automatic modes too (PX4), except
    /// those in COM_RCL_EXCEPT.
    /// </summary>
    public bool RcSignalLost { get; init; }

    /// <summary>A ground station was heard once and its HEARTBEAT is older than COM_DL_LOSS_T.</summary>
    public bool DataLinkLost { get; init; }

    /// <summary>The battery estimator's remaining fraction (NaN: not measured, no battery failsafe).</summary>
    public double BatteryRemainingFraction { get; init; }

    /// <summary>The estimator has no horizontal aiding (dead reckoning, or no GNSS fused).</summary>
    public bool PositionAidingLost { get; init; }

    /// <summary>The largest of the estimator's current innovation test ratios (GNSS, baro); 0 when none.</summary>
    public double EstimatorTestRatio { get; init; }

    /// <summary>The geofence says the vehicle is (or is about to be) outside (set by the fence; false without one).</summary>
    public bool GeofenceBreached { get; init; }

    /// <summary>The failure detector reports a failed motor.</summary>
    public bool MotorFailed { get; init; }

    /// <summary>Time since arming (s).</summary>
    public double FlightTimeS { get; init; }

    /// <summary>The impact detector saw a hard touchdown or a ground strike (latched until arming).</summary>
    public bool HardImpact { get; init; }

    /// <summary>Estimated roll and pitch (rad), for crash detection.</summary>
    public double RollRad { get; init; }

    public double PitchRad { get; init; }
}
