using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Autopilot.Flight;

/// <summary>
/// An offboard setpoint in the autopilot's local NED frame (the estimator's origin, as LOCAL_POSITION_NED), with the
/// type mask of SET_POSITION_TARGET_LOCAL_NED: a set bit means "ignore this field" (<see cref="OffboardTypeMask"/>).
/// Supported: position (x, y, z all used), velocity (vx, vy, vz), position with velocity feed-forward, and each
/// with yaw or yaw rate. Acceleration/force setpoints are refused (Unsupported). <paramref name="TimeUs"/> is
/// the receive time (stream loss: COM_OF_LOSS_T).
/// </summary>
public readonly record struct OffboardSetpoint(
    long TimeUs,
    ushort TypeMask,
    Vector3 PositionNedM,
    Vector3 VelocityNedMps,
    Vector3 AccelerationNedMps2,
    double YawRad,
    double YawRateRadps)
{
    public bool UsesPosition => (TypeMask & OffboardTypeMask.IgnorePosition) != OffboardTypeMask.IgnorePosition;

    public bool UsesVelocity => (TypeMask & OffboardTypeMask.IgnoreVelocity) != OffboardTypeMask.IgnoreVelocity;

    public bool UsesAcceleration => (TypeMask & OffboardTypeMask.IgnoreAcceleration) != OffboardTypeMask.IgnoreAcceleration;

    public bool UsesYaw => (TypeMask & OffboardTypeMask.IgnoreYaw) == 0;

    public bool UsesYawRate => (TypeMask & OffboardTypeMask.IgnoreYawRate) == 0;

    /// <summary>A position setpoint with a yaw (velocity and acceleration ignored).</summary>
    public static OffboardSetpoint Position(long timeUs, Vector3 positionNedM, double yawRad) =>
        new(timeUs, OffboardTypeMask.IgnoreVelocity | OffboardTypeMask.IgnoreAcceleration | OffboardTypeMask.IgnoreYawRate, positionNedM, default, default, yawRad, 0);

    /// <summary>A velocity setpoint with a yaw rate (position and acceleration ignored).</summary>
    public static OffboardSetpoint Velocity(long timeUs, Vector3 velocityNedMps, double yawRateRadps) =>
        new(timeUs, OffboardTypeMask.IgnorePosition | OffboardTypeMask.IgnoreAcceleration | OffboardTypeMask.IgnoreYaw, default, velocityNedMps, default, 0, yawRateRadps);
}
