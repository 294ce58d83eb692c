using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Autopilot.Control;

/// <summary>
/// Body-rate PID per axis (roll, pitch, yaw) in normalised torque per rad/s (PX4 MC_ROLLRATE_P/I/D/FF, …),
/// integrator limits in normalised torque (MC_RR_INT_LIM, …) and the D-term low-pass cutoff (second-order
/// Butterworth, 0 = off).
/// </summary>
public readonly record struct RateControllerParameters(
    Vector3 Proportional,
    Vector3 Integral,
    Vector3 Derivative,
    Vector3 FeedForward,
    Vector3 IntegratorLimit,
    double DerivativeCutoffHz)
{
    public static RateControllerParameters Default => new(
        Proportional: new Vector3(0.15, 0.15, 0.6),
        Integral: new Vector3(0.2, 0.2, 0.2),
        Derivative: new Vector3(0.003, 0.003, 0.0),
        FeedForward: Vector3.Zero,
        IntegratorLimit: new Vector3(0.3, 0.3, 0.3),
        DerivativeCutoffHz: 30.0);

    public void Validate()
    {
        const string owner = nameof(RateControllerParameters);
        CheckAxes(Proportional, 0, 5, owner, nameof(Proportional));
        CheckAxes(Integral, 0, 20, owner, nameof(Integral));
        CheckAxes(Derivative, 0, 1, owner, nameof(Derivative));
        CheckAxes(FeedForward, 0, 5, owner, nameof(FeedForward));
        CheckAxes(IntegratorLimit, 0, 1, owner, nameof(IntegratorLimit));
        ParameterCheck.InRange(DerivativeCutoffHz, 0, 1000, owner, nameof(DerivativeCutoffHz));
    }

    private static void CheckAxes(Vector3 v, double min, double max, string owner, string field)
    {
        ParameterCheck.InRange(v.X, min, max, owner, field + ".X(roll)");
        ParameterCheck.InRange(v.Y, min, max, owner, field + ".Y(pitch)");
        ParameterCheck.InRange(v.Z, min, max, owner, field + ".Z(yaw)");
    }
}
