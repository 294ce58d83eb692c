using System.Globalization;
using StrategicTech.Autopilot.Flight;
using StrategicTech.Navigation.Estimation.Uav;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Autopilot.Vehicles;

/// <summary>
/// What a <see cref="Vehicle"/> is built from: the rotor layout, the hover thrust the controllers start from, and
/// optional tuning. A board file (hardware) or an airframe (SITL) produces one.
/// </summary>
public sealed record VehicleDescription
{
    /// <summary>Rotor count: 4 (quad X, MC_AIRFRAME 0) or 6 (hex X, MC_AIRFRAME 1).</summary>
    public required int MotorCount
    {
        get;
        init => field = value is 4 or 6 ? value
            : throw new ArgumentOutOfRangeException(nameof(MotorCount), value, string.Create(CultureInfo.InvariantCulture, $"motor count must be 4 (quad X) or 6 (hex X), got {value}"));
    }

    /// <summary>Collective thrust fraction that holds a hover (MPC_THR_HOVER), 0..1 exclusive.</summary>
    public required double HoverThrust
    {
        get;
        init => field = value is > 0 and < 1 ? value
            : throw new ArgumentOutOfRangeException(nameof(HoverThrust), value, string.Create(CultureInfo.InvariantCulture, $"hover thrust must be in (0, 1), got {value}"));
    }

    /// <summary>
    /// Fixed flight-mode tuning; null (the default) binds it to the parameter store, so PARAM_SET changes apply at
    /// the next position update.
    /// </summary>
    public FlightParameters? Flight { get; init; }

    /// <summary>EKF tuning; defaults when null.</summary>
    public UavEkfParameters? Ekf { get; init; }

    /// <summary>
    /// How long the EKF must fuse GNSS and baro without a break before arming is allowed (as PX4 waits for its GNSS
    /// checks): arming earlier puts home where a still-converging position estimate happens to be.
    /// </summary>
    public long ArmSettleUs { get; init; } = 10_000_000;

    /// <summary>Pack capacity for the battery estimate when the monitor reports no remaining charge of its own; null: unknown.</summary>
    public double? BatteryCapacityMah { get; init; }

    /// <summary>
    /// The pack (cells, capacity, internal resistance, open-circuit curve) for the voltage-and-current estimate of an
    /// analog power module; when set it takes precedence over <see cref="BatteryCapacityMah"/>.
    /// </summary>
    public BatteryPack? BatteryPack { get; init; }

    /// <summary>
    /// Body inertia diagonal (kg·m², FRD axes) for the motor-failure detector's manoeuvre term; zero (the default):
    /// unknown, the detector judges the steady torque residual only.
    /// </summary>
    public Vector3 InertiaDiagonalKgM2 { get; init; }

    /// <summary>One motor's thrust at full command (N), with <see cref="InertiaDiagonalKgM2"/>; zero: unknown.</summary>
    public double MaxMotorThrustN { get; init; }
}
