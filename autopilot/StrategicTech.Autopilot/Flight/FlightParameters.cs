namespace StrategicTech.Autopilot.Flight;

/// <summary>
/// Speeds, altitudes, tolerances and failsafe settings of the flight modes, bound from the parameters in
/// <see cref="FlightParameterDefinitions"/> (PX4 names in the comments).
/// </summary>
public sealed record FlightParameters
{
    private const double DegToRad = Math.PI / 180.0;

    /// <summary>MPC_TKO_SPEED.</summary>
    public double TakeoffSpeedMps { get; init => field = Check(value, 0.1, 10, nameof(TakeoffSpeedMps)); } = 1.5;

    /// <summary>MPC_XY_CRUISE: mission, goto and return speed unless a DO_CHANGE_SPEED says otherwise.</summary>
    public double CruiseSpeedMps { get; init => field = Check(value, 0.1, 30, nameof(CruiseSpeedMps)); } = 5.0;

    /// <summary>MPC_LAND_SPEED.</summary>
    public double LandSpeedMps { get; init => field = Check(value, 0.1, 5, nameof(LandSpeedMps)); } = 0.7;

    /// <summary>
    /// MPC_LAND_CRWL: final descent speed below <see cref="LandCrawlHeightM"/> above home: a gentle touchdown keeps the
    /// impact inside the accelerometer's range, so the estimator's vertical velocity survives it.
    /// </summary>
    public double LandCrawlSpeedMps { get; init => field = Check(value, 0.05, 5, nameof(LandCrawlSpeedMps)); } = 0.3;

    /// <summary>MPC_LAND_ALT3 (PX4 default 1 m; 2 m here).</summary>
    public double LandCrawlHeightM { get; init => field = Check(value, 0, 50, nameof(LandCrawlHeightM)); } = 2.0;

    /// <summary>Distance from the target at which a takeoff or goto counts as reached (the navigator's own tolerance).</summary>
    public double AcceptanceRadiusM { get; init => field = Check(value, 0.05, 100, nameof(AcceptanceRadiusM)); } = 0.5;

    /// <summary>MPC_XY_ERR_MAX: horizontal distance behind the moving auto setpoint at which the setpoint stops advancing.</summary>
    public double MaxTrackErrorM { get; init => field = Check(value, 0.1, 10, nameof(MaxTrackErrorM)); } = 2.0;

    /// <summary>NAV_ACC_RAD: default acceptance radius of a mission waypoint whose param2 is 0.</summary>
    public double MissionAcceptanceRadiusM { get; init => field = Check(value, 0.05, 200, nameof(MissionAcceptanceRadiusM)); } = 2.0;

    /// <summary>Collective thrust that hovers (MPC_THR_HOVER), used by the land detector and the manual modes.</summary>
    public double HoverThrust { get; init => field = Check(value, 0.05, 0.95, nameof(HoverThrust)); } = 0.5;

    /// <summary>MIS_TAKEOFF_ALT: takeoff height above home when a takeoff command gives none.</summary>
    public double TakeoffAltitudeM { get; init => field = Check(value, 0.5, 1000, nameof(TakeoffAltitudeM)); } = 2.5;

    /// <summary>RTL_RETURN_ALT: minimum height above home for the return leg (PX4 default 60 m; 30 m here).</summary>
    public double ReturnAltitudeM { get; init => field = Check(value, 0, 1000, nameof(ReturnAltitudeM)); } = 30;

    /// <summary>RTL_DESCEND_ALT: over home, descend fast to this height above home before landing (PX4 default 30 m; 10 m here).</summary>
    public double ReturnDescendAltitudeM { get; init => field = Check(value, 0, 1000, nameof(ReturnDescendAltitudeM)); } = 10;

    /// <summary>MPC_Z_VEL_MAX_DN used for the fast RTL descent and as the manual descent limit.</summary>
    public double MaxDescentSpeedMps { get; init => field = Check(value, 0.1, 20, nameof(MaxDescentSpeedMps)); } = 1.5;

    /// <summary>MPC_Z_VEL_MAX_UP used as the manual climb limit.</summary>
    public double MaxClimbSpeedMps { get; init => field = Check(value, 0.1, 20, nameof(MaxClimbSpeedMps)); } = 3.0;

    /// <summary>COM_OF_LOSS_T: offboard setpoints older than this trigger the offboard failsafe.</summary>
    public double OffboardLossTimeoutS { get; init => field = Check(value, 0.05, 60, nameof(OffboardLossTimeoutS)); } = 0.5;

    /// <summary>COM_RC_LOSS_T: manual input older than this (in a manual mode) triggers the manual-loss failsafe.</summary>
    public double ManualLossTimeoutS { get; init => field = Check(value, 0.05, 60, nameof(ManualLossTimeoutS)); } = 0.5;

    /// <summary>NAV_RCL_ACT: what the manual-input-loss failsafe does.</summary>
    public FailsafeAction ManualLossAction { get; init => field = CheckAction(value, nameof(ManualLossAction)); } = FailsafeAction.ReturnToLaunch;

    /// <summary>COM_RCL_EXCEPT: the automatic modes in which a lost RC receiver is ignored.</summary>
    public RcLossExceptions RcLossExceptions
    {
        get;
        init => field = (value & ~(RcLossExceptions.Mission | RcLossExceptions.Hold | RcLossExceptions.Offboard)) == 0
            ? value
            : throw new ArgumentOutOfRangeException(nameof(RcLossExceptions), value, "only bits 0..2 (mission, hold, offboard) are defined");
    }

    /// <summary>BAT_LOW_THR: arming is refused below this remaining fraction.</summary>
    public double BatteryLowFraction { get; init => field = Check(value, 0, 0.5, nameof(BatteryLowFraction)); } = 0.15;

    /// <summary>COM_ARM_TILT_MAX (ours): arming is refused when tilted more than this (rad).</summary>
    public double ArmTiltMaxRad { get; init => field = Check(value, 1 * DegToRad, 90 * DegToRad, nameof(ArmTiltMaxRad)); } = 30 * DegToRad;

    /// <summary>MPC_MAN_TILT_MAX: full stick tilt in Stabilized and Altitude (rad).</summary>
    public double ManualTiltMaxRad { get; init => field = Check(value, 1 * DegToRad, 85 * DegToRad, nameof(ManualTiltMaxRad)); } = 35 * DegToRad;

    /// <summary>MPC_MAN_Y_MAX: full stick yaw rate (rad/s).</summary>
    public double ManualYawRateMaxRadps { get; init => field = Check(value, 0.1, 30, nameof(ManualYawRateMaxRadps)); } = 150 * DegToRad;

    /// <summary>MPC_VEL_MANUAL: full stick horizontal speed in Position mode.</summary>
    public double ManualSpeedMps { get; init => field = Check(value, 0.1, 30, nameof(ManualSpeedMps)); } = 10;

    /// <summary>MPC_HOLD_DZ: stick deadzone around centre.</summary>
    public double StickDeadzone { get; init => field = Check(value, 0, 0.9, nameof(StickDeadzone)); } = 0.1;

    /// <summary>MPC_ACC_HOR: acceleration and braking of the autonomous setpoints, and the braking distance when a hold is entered at speed.</summary>
    public double BrakeAccelerationMps2 { get; init => field = Check(value, 0.5, 30, nameof(BrakeAccelerationMps2)); } = 3.0;

    /// <summary>MPC_JERK_AUTO: how fast the autonomous setpoints' acceleration may change (PX4 default 4 m/s³).</summary>
    public double AutoJerkMps3 { get; init => field = Check(value, 0.5, 500, nameof(AutoJerkMps3)); } = 4.0;

    /// <summary>GF_ACTION: what a geofence breach does (PX4 numbering).</summary>
    public Geofence.GeofenceAction GeofenceAction { get; init; } = Geofence.GeofenceAction.Hold;

    /// <summary>GF_MAX_HOR_DIST: maximum horizontal distance from home (m); 0 = no limit.</summary>
    public double GeofenceMaxDistanceM { get; init => field = Check(value, 0, 100_000, nameof(GeofenceMaxDistanceM)); }

    /// <summary>GF_MAX_VER_DIST: maximum height above home (m); 0 = no limit.</summary>
    public double GeofenceMaxHeightM { get; init => field = Check(value, 0, 10_000, nameof(GeofenceMaxHeightM)); }

    /// <summary>GF_PREDICT: stop before the fence, judging the point the vehicle would brake to from its velocity.</summary>
    public bool GeofencePredict { get; init; } = true;

    /// <summary>MIS_DIST_1WP: a mission whose first waypoint is farther than this from home is refused (m; 0 = no check).</summary>
    public double MissionFirstWaypointMaxM { get; init => field = Check(value, 0, 100_000, nameof(MissionFirstWaypointMaxM)); } = 900;

    /// <summary>MIS_DIST_WPS: a mission with two consecutive waypoints farther apart than this is refused (m; 0 = no check).</summary>
    public double MissionWaypointSpacingMaxM { get; init => field = Check(value, 0, 100_000, nameof(MissionWaypointSpacingMaxM)); } = 900;

    /// <summary>COM_DISARM_LAND: disarm this long after a landing (s; 0 = never automatically outside the Land logic).</summary>
    public double DisarmLandedS { get; init => field = Check(value, 0, 20, nameof(DisarmLandedS)); } = 2;

    /// <summary>COM_DL_LOSS_T: a ground station heard once and silent this long is a data-link loss.</summary>
    public double DataLinkLossTimeoutS { get; init => field = Check(value, 1, 300, nameof(DataLinkLossTimeoutS)); } = 10;

    /// <summary>NAV_DLL_ACT: what the data-link-loss failsafe does (PX4 default: none).</summary>
    public FailsafeAction DataLinkLossAction { get; init => field = CheckAction(value, nameof(DataLinkLossAction)); } = FailsafeAction.None;

    /// <summary>BAT_CRIT_THR: remaining fraction below which the battery is critical.</summary>
    public double BatteryCriticalFraction { get; init => field = Check(value, 0, 0.5, nameof(BatteryCriticalFraction)); } = 0.07;

    /// <summary>BAT_EMERGEN_THR: remaining fraction below which the battery is an emergency.</summary>
    public double BatteryEmergencyFraction { get; init => field = Check(value, 0, 0.5, nameof(BatteryEmergencyFraction)); } = 0.05;

    /// <summary>COM_LOW_BAT_ACT: the response to the critical and emergency levels.</summary>
    public LowBatteryResponse LowBatteryAction { get; init => field = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(LowBatteryAction), value, "COM_LOW_BAT_ACT must be 0, 2 or 3"); } = LowBatteryResponse.ReturnThenLand;

    /// <summary>COM_POS_FS_DELAY: how long the vehicle dead-reckons without position aiding before it lands.</summary>
    public double PositionLossDelayS { get; init => field = Check(value, 0, 100, nameof(PositionLossDelayS)); } = 1;

    /// <summary>FS_EKF_THRESH (ArduPilot's name): innovation test ratio above which the estimator counts as failing (for COM_POS_FS_DELAY).</summary>
    public double EstimatorFailTestRatio { get; init => field = Check(value, 0.5, 100, nameof(EstimatorFailTestRatio)); } = 3;

    /// <summary>COM_ACT_FAIL_ACT: what a detected motor failure does (PX4 default is warning only; land here).</summary>
    public FailsafeAction MotorFailureAction { get; init => field = CheckAction(value, nameof(MotorFailureAction)); } = FailsafeAction.Land;

    /// <summary>COM_FLT_TIME_MAX: flight time after which the vehicle returns (s); 0 or less: no limit.</summary>
    public double MaxFlightTimeS { get; init => field = Check(value, -1, 1e6, nameof(MaxFlightTimeS)); } = -1;

    /// <summary>FD_FAIL_R: roll beyond this for <see cref="CrashTriggerTimeS"/> is a crash (rad).</summary>
    public double CrashRollMaxRad { get; init => field = Check(value, 60 * DegToRad, 180 * DegToRad, nameof(CrashRollMaxRad)); } = 60 * DegToRad;

    /// <summary>FD_FAIL_P: pitch beyond this for <see cref="CrashTriggerTimeS"/> is a crash (rad).</summary>
    public double CrashPitchMaxRad { get; init => field = Check(value, 60 * DegToRad, 180 * DegToRad, nameof(CrashPitchMaxRad)); } = 60 * DegToRad;

    /// <summary>FD_FAIL_R_TTRI: how long the attitude must stay beyond the limits (s).</summary>
    public double CrashTriggerTimeS { get; init => field = Check(value, 0.02, 5, nameof(CrashTriggerTimeS)); } = 0.3;

    private static FailsafeAction CheckAction(FailsafeAction value, string name) =>
        Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} is not a failsafe action");

    private static double Check(double value, double min, double max, string name) =>
        double.IsFinite(value) && value >= min && value <= max
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} must be within [{min}, {max}]");
}
