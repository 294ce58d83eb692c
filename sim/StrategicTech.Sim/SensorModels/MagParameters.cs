using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Sim.SensorModels;

/// <summary>
/// Magnetometer model: rate, white noise (gauss), hard-iron offset (body, gauss), soft-iron matrix (identity = none)
/// and the field per ampere of battery current that the power wiring adds (body, gauss/A).
/// </summary>
public sealed record MagParameters(
    double RateHz,
    double NoiseStdDevGauss,
    Vector3 HardIronFrdGauss,
    Matrix3 SoftIron,
    Vector3 CurrentInterferenceFrdGaussPerA)
{
    /// <summary>An IST8310/RM3100 class sensor at 100 Hz with a small hard-iron offset.</summary>
    public static MagParameters Default { get; } = new(100, 0.003, new Vector3(0.02, -0.01, 0.03), Matrix3.Identity, Vector3.Zero);

    public static MagParameters Ideal { get; } = new(100, 0, Vector3.Zero, Matrix3.Identity, Vector3.Zero);
}
