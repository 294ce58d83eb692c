using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Navigation.Estimation.Uav;

/// <summary>One IMU interval ending at <see cref="TimeUs"/>: integrated gyro and accelerometer in body FRD.</summary>
public readonly record struct ImuSample(long TimeUs, Vector3 DeltaAngleRad, Vector3 DeltaVelocityMps, double DtS)
{
    internal bool IsFinite => DeltaAngleRad.IsFinite && DeltaVelocityMps.IsFinite && double.IsFinite(DtS) && DtS > 0;
}
