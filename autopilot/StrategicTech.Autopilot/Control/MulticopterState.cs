using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Autopilot.Control;

/// <summary>The estimated vehicle state the cascade regulates (from the EKF; never the simulator's truth).</summary>
public readonly record struct MulticopterState(
    Vector3 PositionNedM,
    Vector3 VelocityNedMps,
    Quaternion AttitudeNed,
    Vector3 BodyRateRadps);
