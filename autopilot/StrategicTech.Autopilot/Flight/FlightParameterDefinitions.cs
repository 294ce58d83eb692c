using StrategicTech.Autopilot.Parameters;

namespace StrategicTech.Autopilot.Flight;

/// <summary>
/// The flight-mode parameters (PX4 names; COM_ARM_TILT_MAX is ours) and their binding to <see cref="FlightParameters"/>.
/// <see cref="CreateStore"/> gives one table with the control parameters first (their MAVLink indices unchanged).
/// </summary>
public static class FlightParameterDefinitions
{
    private const ParameterType F = ParameterType.Float;
    private const double DegToRad = Math.PI / 180.0;

    public static IReadOnlyList<ParameterDefinition> Definitions { get; } =
    [
        new("MIS_TAKEOFF_ALT", F, 2.5, 0.5, 1000, "m", "Takeoff height above home when none is given"),
        new("MPC_TKO_SPEED", F, 1.5, 0.1, 10, "m/s", "Takeoff climb rate"),
        new("MPC_XY_CRUISE", F, 5, 0.1, 30, "m/s", "Cruise speed of mission, goto and return"),
        new("MPC_LAND_SPEED", F, 0.7, 0.1, 5, "m/s", "Landing descent rate"),
        new("MPC_LAND_CRWL", F, 0.3, 0.05, 5, "m/s", "Final landing descent rate (below MPC_LAND_ALT3)"),
        new("MPC_LAND_ALT3", F, 2.0, 0, 50, "m", "Height above home below which landing crawls"),
        new("NAV_ACC_RAD", F, 2.0, 0.05, 200, "m", "Default waypoint acceptance radius"),
        new("RTL_RETURN_ALT", F, 30, 0, 1000, "m", "Minimum height above home for the return leg"),
        new("RTL_DESCEND_ALT", F, 10, 0, 1000, "m", "Height above home to descend to over home before landing"),
        new("COM_OF_LOSS_T", F, 0.5, 0.05, 60, "s", "Offboard setpoint loss timeout"),
        new("COM_RC_LOSS_T", F, 0.5, 0.05, 60, "s", "Manual input loss timeout"),
        new("NAV_RCL_ACT", ParameterType.Int32, 2, 0, 6, "", "Manual input loss action: 0 none, 1 hold, 2 return, 3 land, 5 terminate, 6 disarm"),
        new("COM_RCL_EXCEPT", ParameterType.Int32, 0, 0, 7, "", "Modes where RC receiver loss is ignored (bits): 1 mission, 2 hold and takeoff, 4 offboard"),
        new("RC_MAP_FLTMODE", ParameterType.Int32, 0, 0, 18, "", "RC channel of the flight-mode switch (1-based); 0 none"),
        new("COM_FLTMODE1", ParameterType.Int32, -1, -1, 13, "", "Mode of switch slot 1 (lowest pulse): -1 none, 0/8 stabilized, 1 altitude, 2 position, 3 mission, 4 hold, 5 return, 7 offboard, 10 takeoff, 11 land"),
        new("COM_FLTMODE2", ParameterType.Int32, -1, -1, 13, "", "Mode of switch slot 2 (as COM_FLTMODE1)"),
        new("COM_FLTMODE3", ParameterType.Int32, -1, -1, 13, "", "Mode of switch slot 3 (as COM_FLTMODE1)"),
        new("COM_FLTMODE4", ParameterType.Int32, -1, -1, 13, "", "Mode of switch slot 4 (as COM_FLTMODE1)"),
        new("COM_FLTMODE5", ParameterType.Int32, -1, -1, 13, "", "Mode of switch slot 5 (as COM_FLTMODE1)"),
        new("COM_FLTMODE6", ParameterType.Int32, -1, -1, 13, "", "Mode of switch slot 6 (highest pulse; as COM_FLTMODE1)"),
        new("COM_DL_LOSS_T", F, 10, 1, 300, "s", "Ground-station link loss timeout"),
        new("NAV_DLL_ACT", ParameterType.Int32, 0, 0, 6, "", "Ground-station link loss action: 0 none, 1 hold, 2 return, 3 land, 5 terminate, 6 disarm"),
        new("BAT_LOW_THR", F, 0.15, 0, 0.5, "norm", "Low battery: warning, arming refused below this remaining fraction"),
        new("BAT_CRIT_THR", F, 0.07, 0, 0.5, "norm", "Critical battery: COM_LOW_BAT_ACT below this remaining fraction"),
        new("BAT_EMERGEN_THR", F, 0.05, 0, 0.5, "norm", "Emergency battery: land below this remaining fraction"),
        new("BAT1_R_INTERNAL", F, -1, -1, 10, "Ohm", "Pack internal resistance for the voltage-sag compensation; -1 the configured pack's, 0 no compensation"),
        new("COM_LOW_BAT_ACT", ParameterType.Int32, 3, 0, 3, "", "Battery failsafe: 0 warning, 2 land at critical, 3 return at critical and land at emergency"),
        new("COM_POS_FS_DELAY", F, 1, 0, 100, "s", "Dead reckoning without position aiding before the position-loss landing"),
        new("FS_EKF_THRESH", F, 3, 0.5, 100, "", "Innovation test ratio above which the estimator is failing"),
        new("COM_ACT_FAIL_ACT", ParameterType.Int32, 2, 0, 4, "", "Motor failure action: 0 warning, 1 hold, 2 land, 3 return, 4 terminate"),
        new("COM_FLT_TIME_MAX", F, -1, -1, 1e6, "s", "Flight time after which the vehicle returns; -1 no limit"),
        new("FD_FAIL_R", F, 60, 60, 180, "deg", "Roll beyond which (for FD_FAIL_R_TTRI) a crash is declared"),
        new("FD_FAIL_P", F, 60, 60, 180, "deg", "Pitch beyond which (for FD_FAIL_R_TTRI) a crash is declared"),
        new("FD_FAIL_R_TTRI", F, 0.3, 0.02, 5, "s", "Time the attitude must stay beyond FD_FAIL_R/FD_FAIL_P"),
        new("COM_ARM_TILT_MAX", F, 30, 1, 90, "deg", "Arming refused when tilted more than this"),
        new("MPC_MAN_TILT_MAX", F, 35, 1, 85, "deg", "Full-stick tilt in Stabilized and Altitude"),
        new("MPC_MAN_Y_MAX", F, 150, 5, 1700, "deg/s", "Full-stick yaw rate"),
        new("MPC_VEL_MANUAL", F, 10, 0.1, 30, "m/s", "Full-stick horizontal speed in Position"),
        new("MPC_HOLD_DZ", F, 0.1, 0, 0.9, "norm", "Stick deadzone"),
        new("MPC_ACC_HOR", F, 3.0, 0.5, 30, "m/s^2", "Acceleration and braking of autonomous setpoints"),
        new("MPC_JERK_AUTO", F, 4.0, 0.5, 500, "m/s^3", "Jerk limit of autonomous setpoints"),
        new("GF_ACTION", ParameterType.Int32, 2, 0, 5, "", "Geofence breach action: 0 none, 1 warning, 2 hold, 3 return, 4 terminate, 5 land"),
        new("GF_MAX_HOR_DIST", F, 0, 0, 100_000, "m", "Maximum horizontal distance from home (0: none)"),
        new("GF_MAX_VER_DIST", F, 0, 0, 10_000, "m", "Maximum height above home (0: none)"),
        new("GF_PREDICT", ParameterType.Int32, 1, 0, 1, "", "Stop before the geofence using the braking distance"),
        new("MIS_DIST_1WP", F, 900, 0, 100_000, "m", "Refuse a mission whose first waypoint is farther from home (0: off)"),
        new("MIS_DIST_WPS", F, 900, 0, 100_000, "m", "Refuse a mission with consecutive waypoints farther apart (0: off)"),
        new("COM_DISARM_LAND", F, 2, 0, 20, "s", "Disarm this long after landing (0: off)"),
        new("MPC_XY_ERR_MAX", F, 2, 0.1, 10, "m", "Distance behind the auto setpoint at which it stops advancing"),
    ];

    /// <summary>
    /// Control parameters (<see cref="MulticopterControlParameters"/>) followed by the flight parameters, with the
    /// cross-parameter rules of both (<see cref="CombinationProblem"/>), so a PARAM_SET the commander could not apply
    /// is refused by the store instead. The sensor calibration parameters come last.
    /// </summary>
    public static ParameterStore CreateStore() =>
        new([.. MulticopterControlParameters.Definitions, .. Definitions, .. Calibration.SensorCalibrationParameters.Definitions]) { CombinationRule = CombinationProblem };

    /// <summary>Null when the whole table binds (control structs and <see cref="FlightParameters"/>), else why not.</summary>
    public static string? CombinationProblem(ParameterStore store)
    {
        string? control = MulticopterControlParameters.CombinationProblem(store);
        if (control is not null)
        {
            return control;
        }

        _ = Bind(store);
        return null;
    }

    /// <summary>Binds the store (start-up or on <see cref="ParameterStore.Version"/> change; allocates).</summary>
    public static FlightParameters Bind(ParameterStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (!(store.Get("BAT_EMERGEN_THR") <= store.Get("BAT_CRIT_THR") && store.Get("BAT_CRIT_THR") <= store.Get("BAT_LOW_THR")))
        {
            throw new ArgumentException("battery thresholds must satisfy BAT_EMERGEN_THR <= BAT_CRIT_THR <= BAT_LOW_THR");
        }

        return new FlightParameters
        {
            TakeoffAltitudeM = store.Get("MIS_TAKEOFF_ALT"),
            TakeoffSpeedMps = store.Get("MPC_TKO_SPEED"),
            CruiseSpeedMps = store.Get("MPC_XY_CRUISE"),
            LandSpeedMps = store.Get("MPC_LAND_SPEED"),
            LandCrawlSpeedMps = store.Get("MPC_LAND_CRWL"),
            LandCrawlHeightM = store.Get("MPC_LAND_ALT3"),
            MissionAcceptanceRadiusM = store.Get("NAV_ACC_RAD"),
            ReturnAltitudeM = store.Get("RTL_RETURN_ALT"),
            ReturnDescendAltitudeM = store.Get("RTL_DESCEND_ALT"),
            OffboardLossTimeoutS = store.Get("COM_OF_LOSS_T"),
            ManualLossTimeoutS = store.Get("COM_RC_LOSS_T"),
            ManualLossAction = FailsafeActions.FromLinkLossParameter(store.GetInt32("NAV_RCL_ACT")),
            RcLossExceptions = (RcLossExceptions)store.GetInt32("COM_RCL_EXCEPT"),
            DataLinkLossTimeoutS = store.Get("COM_DL_LOSS_T"),
            DataLinkLossAction = FailsafeActions.FromLinkLossParameter(store.GetInt32("NAV_DLL_ACT")),
            BatteryCriticalFraction = store.Get("BAT_CRIT_THR"),
            BatteryEmergencyFraction = store.Get("BAT_EMERGEN_THR"),
            LowBatteryAction = (LowBatteryResponse)store.GetInt32("COM_LOW_BAT_ACT"),
            PositionLossDelayS = store.Get("COM_POS_FS_DELAY"),
            EstimatorFailTestRatio = store.Get("FS_EKF_THRESH"),
            MotorFailureAction = FailsafeActions.FromMotorFailureParameter(store.GetInt32("COM_ACT_FAIL_ACT")),
            MaxFlightTimeS = store.Get("COM_FLT_TIME_MAX"),
            CrashRollMaxRad = store.Get("FD_FAIL_R") * DegToRad,
            CrashPitchMaxRad = store.Get("FD_FAIL_P") * DegToRad,
            CrashTriggerTimeS = store.Get("FD_FAIL_R_TTRI"),
            BatteryLowFraction = store.Get("BAT_LOW_THR"),
            ArmTiltMaxRad = store.Get("COM_ARM_TILT_MAX") * DegToRad,
            ManualTiltMaxRad = store.Get("MPC_MAN_TILT_MAX") * DegToRad,
            ManualYawRateMaxRadps = store.Get("MPC_MAN_Y_MAX") * DegToRad,
            ManualSpeedMps = store.Get("MPC_VEL_MANUAL"),
            StickDeadzone = store.Get("MPC_HOLD_DZ"),
            HoverThrust = store.Get("MPC_THR_HOVER"),
            MaxClimbSpeedMps = store.Get("MPC_Z_VEL_MAX_UP"),
            MaxDescentSpeedMps = store.Get("MPC_Z_VEL_MAX_DN"),
            BrakeAccelerationMps2 = store.Get("MPC_ACC_HOR"),
            AutoJerkMps3 = store.Get("MPC_JERK_AUTO"),
            GeofenceAction = (Geofence.GeofenceAction)store.GetInt32("GF_ACTION"),
            GeofenceMaxDistanceM = store.Get("GF_MAX_HOR_DIST"),
            GeofenceMaxHeightM = store.Get("GF_MAX_VER_DIST"),
            GeofencePredict = store.GetInt32("GF_PREDICT") != 0,
            MissionFirstWaypointMaxM = store.Get("MIS_DIST_1WP"),
            MissionWaypointSpacingMaxM = store.Get("MIS_DIST_WPS"),
            DisarmLandedS = store.Get("COM_DISARM_LAND"),
            MaxTrackErrorM = store.Get("MPC_XY_ERR_MAX"),
        };
    }
}
