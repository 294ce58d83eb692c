using StrategicTech.Autopilot.Control;
using StrategicTech.Autopilot.Control.Allocation;
using StrategicTech.Autopilot.Control.Detection;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Autopilot.Parameters;

/// <summary>
/// The multirotor controller gains and limits as parameters, with PX4-style names (angles and rates in degrees as
/// ground stations show them; converted to radians when bound), and the binding to the typed controller structs.
/// Limits here lie inside the structs' own validation ranges, so any stored value binds; cross-parameter rules
/// (e.g. MPC_THR_MIN &lt; MPC_THR_HOVER &lt; MPC_THR_MAX) are the store's <see cref="ParameterStore.CombinationRule"/>
/// (<see cref="CombinationProblem"/>), so a store from <see cref="CreateStore"/> never holds a table that fails to bind.
/// </summary>
public static class MulticopterControlParameters
{
    private const double DegToRad = Math.PI / 180.0;
    private const ParameterType F = ParameterType.Float;

    /// <summary>All definitions, in their fixed order (the MAVLink param_index).</summary>
    public static IReadOnlyList<ParameterDefinition> Definitions { get; } =
    [
        // Position loop
        new("MPC_XY_P", F, 0.95, 0, 10, "1/s", "Horizontal position gain"),
        new("MPC_Z_P", F, 1.0, 0, 10, "1/s", "Vertical position gain"),
        new("MPC_XY_VEL_MAX", F, 12, 0.1, 50, "m/s", "Maximum horizontal speed"),
        new("MPC_Z_VEL_MAX_UP", F, 3, 0.1, 20, "m/s", "Maximum climb rate"),
        new("MPC_Z_VEL_MAX_DN", F, 1.5, 0.1, 20, "m/s", "Maximum descent rate"),

        // Velocity loop
        new("MPC_XY_VEL_P_ACC", F, 3.0, 0, 20, "1/s", "Horizontal velocity P (m/s^2 per m/s)"),
        new("MPC_XY_VEL_I_ACC", F, 0.8, 0, 20, "1/s^2", "Horizontal velocity I"),
        new("MPC_XY_VEL_D_ACC", F, 0.2, 0, 5, "", "Horizontal velocity D (on measurement)"),
        new("MPC_Z_VEL_P_ACC", F, 4.0, 0, 30, "1/s", "Vertical velocity P"),
        new("MPC_Z_VEL_I_ACC", F, 2.0, 0, 30, "1/s^2", "Vertical velocity I"),
        new("MPC_Z_VEL_D_ACC", F, 0.0, 0, 5, "", "Vertical velocity D (on measurement)"),
        new("MPC_XY_VEL_I_LIM", F, 3.0, 0, 20, "m/s^2", "Horizontal velocity integrator limit"),
        new("MPC_Z_VEL_I_LIM", F, 5.0, 0, 20, "m/s^2", "Vertical velocity integrator limit"),
        new("MPC_ACC_HOR_MAX", F, 5.0, 0.5, 30, "m/s^2", "Maximum horizontal acceleration"),
        new("MPC_ACC_UP_MAX", F, 4.0, 0.5, 30, "m/s^2", "Maximum upward acceleration"),
        new("MPC_ACC_DOWN_MAX", F, 3.0, 0.5, 9.8, "m/s^2", "Maximum downward acceleration"),
        new("MPC_VELD_LP", F, 5.0, 0, 200, "Hz", "Velocity derivative low-pass cutoff (0 = off)"),

        // Acceleration to thrust and attitude
        new("MPC_THR_HOVER", F, 0.5, 0.05, 0.95, "norm", "Collective thrust that hovers"),
        new("MPC_THR_MIN", F, 0.08, 0, 0.5, "norm", "Minimum collective thrust in flight"),
        new("MPC_THR_MAX", F, 1.0, 0.1, 1.0, "norm", "Maximum collective thrust"),
        new("MPC_TILTMAX_AIR", F, 45, 1, 85, "deg", "Maximum tilt of the thrust axis"),

        // Attitude loop
        new("MC_ROLL_P", F, 6.5, 0, 20, "1/s", "Roll attitude gain"),
        new("MC_PITCH_P", F, 6.5, 0, 20, "1/s", "Pitch attitude gain"),
        new("MC_YAW_P", F, 2.8, 0, 20, "1/s", "Yaw attitude gain (below roll/pitch: heading after tilt)"),
        new("MC_ROLLRATE_MAX", F, 220, 5, 1700, "deg/s", "Maximum roll rate"),
        new("MC_PITCHRATE_MAX", F, 220, 5, 1700, "deg/s", "Maximum pitch rate"),
        new("MC_YAWRATE_MAX", F, 200, 5, 1700, "deg/s", "Maximum yaw rate"),

        // Rate loop
        new("MC_ROLLRATE_P", F, 0.15, 0, 5, "1/(rad/s)", "Roll rate P"),
        new("MC_ROLLRATE_I", F, 0.2, 0, 20, "1/rad", "Roll rate I"),
        new("MC_ROLLRATE_D", F, 0.003, 0, 1, "s/rad", "Roll rate D (on measurement)"),
        new("MC_ROLLRATE_FF", F, 0.0, 0, 5, "1/(rad/s)", "Roll rate feed-forward"),
        new("MC_RR_INT_LIM", F, 0.3, 0, 1, "norm", "Roll rate integrator limit"),
        new("MC_PITCHRATE_P", F, 0.15, 0, 5, "1/(rad/s)", "Pitch rate P"),
        new("MC_PITCHRATE_I", F, 0.2, 0, 20, "1/rad", "Pitch rate I"),
        new("MC_PITCHRATE_D", F, 0.003, 0, 1, "s/rad", "Pitch rate D (on measurement)"),
        new("MC_PITCHRATE_FF", F, 0.0, 0, 5, "1/(rad/s)", "Pitch rate feed-forward"),
        new("MC_PR_INT_LIM", F, 0.3, 0, 1, "norm", "Pitch rate integrator limit"),
        new("MC_YAWRATE_P", F, 0.6, 0, 5, "1/(rad/s)", "Yaw rate P"),
        new("MC_YAWRATE_I", F, 0.2, 0, 20, "1/rad", "Yaw rate I"),
        new("MC_YAWRATE_D", F, 0.0, 0, 1, "s/rad", "Yaw rate D (on measurement)"),
        new("MC_YAWRATE_FF", F, 0.0, 0, 5, "1/(rad/s)", "Yaw rate feed-forward"),
        new("MC_YR_INT_LIM", F, 0.3, 0, 1, "norm", "Yaw rate integrator limit"),
        new("IMU_DGYRO_CUTOFF", F, 30, 0, 1000, "Hz", "Rate D-term low-pass cutoff (0 = off)"),

        // Allocation
        new("MC_AIRFRAME", ParameterType.Int32, 0, 0, 1, "", "Rotor layout: 0 quad X, 1 hex X"),
        new("CA_YAW_THR_SHIFT", F, 0.15, 0, 1, "norm", "Collective shift allowed to make room for yaw"),
        new("THR_MDL_FAC", F, 0.0, 0, 1, "", "Thrust model: thrust = f*u^2 + (1-f)*u of motor command u"),

        // Land and takeoff detection
        new("LNDMC_Z_VEL_MAX", F, 0.5, 0.05, 5, "m/s", "Landed: maximum vertical speed"),
        new("LNDMC_XY_VEL_MAX", F, 1.5, 0.05, 10, "m/s", "Landed: maximum horizontal speed"),
        new("LNDMC_ROT_MAX", F, 20, 1, 500, "deg/s", "Landed: maximum rotation rate"),
        new("LNDMC_TRIG_TIME", F, 1.0, 0.05, 10, "s", "Landed: time all conditions must hold"),
        new("LNDMC_LOW_T_THR", F, 0.6, 0.1, 1.0, "norm", "Ground contact below this fraction of hover thrust"),
        new("LNDMC_TKO_THR", F, 0.8, 0.1, 2.0, "norm", "Takeoff: thrust above this fraction of hover thrust"),
        new("LNDMC_TKO_VEL", F, 0.3, 0.05, 5, "m/s", "Takeoff: climb rate that confirms leaving the ground"),
        new("LNDMC_TKO_ALT", F, 0.5, 0.05, 10, "m", "Takeoff: height above the landing point that confirms it"),
        new("LNDMC_TKO_TIME", F, 0.2, 0, 5, "s", "Takeoff: time the takeoff conditions must hold"),
    ];

    /// <summary>A store holding every multirotor control parameter at its default, with the cross-parameter rules.</summary>
    public static ParameterStore CreateStore() => new(Definitions) { CombinationRule = CombinationProblem };

    /// <summary>
    /// The cross-parameter rules of the control parameters: null when every controller struct, the land detector
    /// and the rotor layout bind from <paramref name="store"/>, else why not. Allocates (parameter sets are rare).
    /// </summary>
    public static string? CombinationProblem(ParameterStore store)
    {
        _ = Position(store);
        _ = Velocity(store);
        _ = ThrustAttitude(store);
        _ = Attitude(store);
        _ = Rate(store);
        _ = LandDetector(store);
        _ = Geometry(store);
        return null;
    }

    public static PositionControllerParameters Position(ParameterStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var p = new PositionControllerParameters(
            store.Get("MPC_XY_P"),
            store.Get("MPC_Z_P"),
            store.Get("MPC_XY_VEL_MAX"),
            store.Get("MPC_Z_VEL_MAX_UP"),
            store.Get("MPC_Z_VEL_MAX_DN"));
        p.Validate();
        return p;
    }

    public static VelocityControllerParameters Velocity(ParameterStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var p = new VelocityControllerParameters(
            store.Get("MPC_XY_VEL_P_ACC"),
            store.Get("MPC_XY_VEL_I_ACC"),
            store.Get("MPC_XY_VEL_D_ACC"),
            store.Get("MPC_Z_VEL_P_ACC"),
            store.Get("MPC_Z_VEL_I_ACC"),
            store.Get("MPC_Z_VEL_D_ACC"),
            store.Get("MPC_XY_VEL_I_LIM"),
            store.Get("MPC_Z_VEL_I_LIM"),
            store.Get("MPC_ACC_HOR_MAX"),
            store.Get("MPC_ACC_UP_MAX"),
            store.Get("MPC_ACC_DOWN_MAX"),
            store.Get("MPC_VELD_LP"));
        p.Validate();
        return p;
    }

    public static ThrustAttitudeParameters ThrustAttitude(ParameterStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var p = new ThrustAttitudeParameters(
            store.Get("MPC_THR_HOVER"),
            store.Get("MPC_THR_MIN"),
            store.Get("MPC_THR_MAX"),
            store.Get("MPC_TILTMAX_AIR") * DegToRad);
        p.Validate();
        return p;
    }

    public static AttitudeControllerParameters Attitude(ParameterStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var p = new AttitudeControllerParameters(
            store.Get("MC_ROLL_P"),
            store.Get("MC_PITCH_P"),
            store.Get("MC_YAW_P"),
            store.Get("MC_ROLLRATE_MAX") * DegToRad,
            store.Get("MC_PITCHRATE_MAX") * DegToRad,
            store.Get("MC_YAWRATE_MAX") * DegToRad);
        p.Validate();
        return p;
    }

    public static RateControllerParameters Rate(ParameterStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var p = new RateControllerParameters(
            Axes(store, "MC_ROLLRATE_P", "MC_PITCHRATE_P", "MC_YAWRATE_P"),
            Axes(store, "MC_ROLLRATE_I", "MC_PITCHRATE_I", "MC_YAWRATE_I"),
            Axes(store, "MC_ROLLRATE_D", "MC_PITCHRATE_D", "MC_YAWRATE_D"),
            Axes(store, "MC_ROLLRATE_FF", "MC_PITCHRATE_FF", "MC_YAWRATE_FF"),
            Axes(store, "MC_RR_INT_LIM", "MC_PR_INT_LIM", "MC_YR_INT_LIM"),
            store.Get("IMU_DGYRO_CUTOFF"));
        p.Validate();
        return p;
    }

    public static LandDetectorParameters LandDetector(ParameterStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var p = new LandDetectorParameters(
            store.Get("LNDMC_Z_VEL_MAX"),
            store.Get("LNDMC_XY_VEL_MAX"),
            store.Get("LNDMC_ROT_MAX") * DegToRad,
            store.Get("LNDMC_TRIG_TIME"),
            store.Get("MPC_THR_MIN"),
            store.Get("LNDMC_LOW_T_THR"),
            store.Get("LNDMC_TKO_THR"),
            store.Get("LNDMC_TKO_VEL"),
            store.Get("LNDMC_TKO_ALT"),
            store.Get("LNDMC_TKO_TIME"));
        p.Validate();
        return p;
    }

    /// <summary>The rotor layout selected by MC_AIRFRAME (default arm lengths; a vehicle description may supply its own).</summary>
    public static MultirotorGeometry Geometry(ParameterStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.GetInt32("MC_AIRFRAME") switch
        {
            0 => MultirotorGeometry.QuadX(),
            1 => MultirotorGeometry.HexX(),
            int other => throw new ParameterException("MC_AIRFRAME", $"no rotor layout {other}"),
        };
    }

    /// <summary>A cascade configured from the store (start-up; allocates).</summary>
    public static MulticopterCascade CreateCascade(ParameterStore store, MultirotorGeometry? geometry = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        return new MulticopterCascade(
            Position(store),
            Velocity(store),
            ThrustAttitude(store),
            Attitude(store),
            Rate(store),
            geometry ?? Geometry(store),
            store.Get("CA_YAW_THR_SHIFT"),
            new ThrustCurve(store.Get("THR_MDL_FAC")));
    }

    private static Vector3 Axes(ParameterStore store, string roll, string pitch, string yaw) =>
        new(store.Get(roll), store.Get(pitch), store.Get(yaw));
}
