using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Navigation.Estimation.Uav;

/// <summary>
/// One IMU interval ending at <see cref="TimeUs"/>: integrated gyro and accelerometer in body FRD.
/// <see cref="AccelerometerClipped"/>: the accelerometer hit its range during the interval, so the velocity increment
/// is wrong by an unknown amount (the filter then trusts it less, as PX4's EKF2 does on delta_vel_clipping).
/// </summary>
public readonly record struct ImuSample(long TimeUs, Vector3 DeltaAngleRad, Vector3 DeltaVelocityMps, double DtS, bool AccelerometerClipped = false)
{
    internal bool IsFinite => DeltaAngleRad.IsFinite && DeltaVelocityMps.IsFinite && double.IsFinite(DtS) && DtS > 0;
}
