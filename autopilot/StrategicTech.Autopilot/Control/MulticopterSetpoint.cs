using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Autopilot.Control;

/// <summary>Trajectory setpoint for the position cascade (NED, with optional velocity and acceleration feed-forward).</summary>
public readonly record struct MulticopterSetpoint(
    Vector3 PositionNedM,
    Vector3 VelocityFeedForwardNedMps,
    Vector3 AccelerationFeedForwardNedMps2,
    double YawRad,
    double YawRateRadps)
{
    public static MulticopterSetpoint Hold(Vector3 positionNedM, double yawRad) => new(positionNedM, default, default, yawRad, 0);
}
