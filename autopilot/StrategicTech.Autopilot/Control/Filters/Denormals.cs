using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Autopilot.Control.Filters;

/// <summary>
/// Filter states decaying toward zero (a constant input, a noise-free SITL hover) pass through subnormal doubles, which
/// x64 processes up to a hundred times slower; values this small carry no information, so they become zero.
/// </summary>
public static class Denormals
{
    private const double Threshold = 1e-200;

    public static double Flush(double value) => Math.Abs(value) < Threshold ? 0.0 : value;

    public static Vector3 Flush(Vector3 v) => new(Flush(v.X), Flush(v.Y), Flush(v.Z));
}
