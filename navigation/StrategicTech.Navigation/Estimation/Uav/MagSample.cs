using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Navigation.Estimation.Uav;

/// <summary>Magnetometer field in body FRD, gauss.</summary>
public readonly record struct MagSample(long TimeUs, Vector3 FieldGauss)
{
    internal bool IsFinite => FieldGauss.IsFinite;
}
