using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Sim.Physics;

/// <summary>
/// A multirotor's physical description, as read from an airframe file (see <see cref="AirframeLoader"/>). Rotors
/// thrust along −Z of FRD with T = kT·ω² and give the body a reaction torque Q = kQ·ω² against their spin.
/// Translational drag acts on the air-relative velocity in body axes: F = −(kLinear ⊙ v + kQuadratic ⊙ v|v|);
/// angular drag M = −kAngular ⊙ ω. A null <see cref="Battery"/> means an ideal supply at full voltage.
/// </summary>
public sealed record AirframeDefinition(
    string Name,
    double MassKg,
    Matrix3 InertiaKgM2,
    IReadOnlyList<MotorDefinition> Motors,
    double ThrustCoefficientNPerRadPerS2,
    double TorqueCoefficientNmPerRadPerS2,
    double MotorTimeConstantS,
    double MaxMotorSpeedRadPerS,
    Vector3 LinearDragNsPerM,
    Vector3 QuadraticDragNs2PerM2,
    Vector3 AngularDragNmsPerRad,
    BatteryParameters? Battery,
    LandingParameters Landing)
{
    /// <summary>The most motors a vehicle may have (an octocopter).</summary>
    public const int MaxMotors = 8;

    /// <summary>Total thrust at full speed and full voltage (N).</summary>
    public double MaxTotalThrustN => Motors.Count * ThrustCoefficientNPerRadPerS2 * MaxMotorSpeedRadPerS * MaxMotorSpeedRadPerS;

    /// <summary>
    /// The per-motor normalised command that holds a level hover under gravity <paramref name="gravityMps2"/> at
    /// the given supply voltage fraction: ω = √(m·g/(n·kT)), u = ω/(ωmax·voltageFraction).
    /// </summary>
    public double HoverCommand(double gravityMps2, double voltageFraction = 1.0) =>
        Math.Sqrt(MassKg * gravityMps2 / (Motors.Count * ThrustCoefficientNPerRadPerS2)) / (MaxMotorSpeedRadPerS * voltageFraction);
}
