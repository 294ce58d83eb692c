using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Sim.Physics;

/// <summary>
/// The true state of one simulated vehicle after a physics step: what sensor models measure and what estimates are
/// judged against. Acceleration is the mean over the last step (Δv/dt), so integrating the specific force over the
/// step reproduces the velocity change; the specific force (what an accelerometer feels) is R⁻¹(a − g) in body FRD.
/// Likewise <see cref="DeltaAngleFrdRad"/> is the exact attitude change of the last step.
/// </summary>
public struct VehicleTruth
{
    public long TimeUs;
    public Vector3 PositionNedM;
    public Vector3 VelocityNedMps;
    public Vector3 AccelerationNedMps2;

    /// <summary>Body (FRD) → NED.</summary>
    public Quaternion Attitude;
    public Vector3 BodyRatesFrdRadPerS;

    /// <summary>The body's rotation over the last step (rotation vector, FRD): mean body rate × step.</summary>
    public Vector3 DeltaAngleFrdRad;
    public Vector3 SpecificForceFrdMps2;
    public MotorVector MotorSpeedsRadPerS;
    public int MotorCount;

    public double BatteryVoltageV;
    public double BatteryCurrentA;
    public double BatteryRemainingFraction;
    public double BatteryConsumedMah;

    public Vector3 WindNedMps;

    /// <summary>Height of the centre of mass above the ground below it (m).</summary>
    public double HeightAboveGroundM;
    public double GravityMps2;
    public Vector3 MagneticFieldNedGauss;

    /// <summary>Resting on the ground (velocity and rates held at zero).</summary>
    public bool Landed;

    /// <summary>Touched the ground too fast or too tilted; the motors stay stopped from then on.</summary>
    public bool Crashed;
}
