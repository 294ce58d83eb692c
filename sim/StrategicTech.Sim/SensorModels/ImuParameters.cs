using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Sim.SensorModels;

/// <summary>
/// IMU error model in datasheet units. Noise densities are white-noise spectral densities (rate noise
/// rad/s/√Hz, acceleration noise m/s²/√Hz); bias random walks are the rate at which the bias wanders
/// (rad/s/√s, m/s²/√s); turn-on biases are the standard deviation of the bias drawn at power-up.
/// </summary>
public sealed record ImuParameters(
    double OutputRateHz,
    double GyroNoiseDensityRadPerSPerSqrtHz,
    double GyroBiasRandomWalkRadPerSPerSqrtS,
    double GyroTurnOnBiasStdDevRadPerS,
    double GyroRangeRadPerS,
    double AccelNoiseDensityMps2PerSqrtHz,
    double AccelBiasRandomWalkMps2PerSqrtS,
    double AccelTurnOnBiasStdDevMps2,
    double AccelRangeMps2)
{
    /// <summary>A modern MEMS IMU (ICM-42688 class) at 1 kHz: ±2000 °/s, ±16 g.</summary>
    public static ImuParameters Default { get; } = new(
        OutputRateHz: 1000,
        GyroNoiseDensityRadPerSPerSqrtHz: 0.0028 * Math.PI / 180,
        GyroBiasRandomWalkRadPerSPerSqrtS: 4e-5,
        GyroTurnOnBiasStdDevRadPerS: 0.2 * Math.PI / 180,
        GyroRangeRadPerS: 2000 * Math.PI / 180,
        AccelNoiseDensityMps2PerSqrtHz: 70e-6 * 9.80665,
        AccelBiasRandomWalkMps2PerSqrtS: 3e-4,
        AccelTurnOnBiasStdDevMps2: 0.02,
        AccelRangeMps2: 16 * 9.80665);

    /// <summary>
    /// Fixed gyro bias (rad/s, body FRD) added to the random turn-on bias: the error a gyro calibration removes.
    /// </summary>
    public Vector3 GyroFixedBiasFrdRadPerS { get; init; }

    /// <summary>Fixed accelerometer offset (m/s², body FRD): the offset a six-side calibration removes.</summary>
    public Vector3 AccelOffsetFrdMps2 { get; init; }

    /// <summary>Per-axis accelerometer gain (1 = none): reading = gain ⊙ specific force + offset + bias + noise.</summary>
    public Vector3 AccelGain { get; init; } = new(1, 1, 1);

    /// <summary>
    /// Accelerometer cross-axis coupling (identity = none): reading = coupling · (gain ⊙ specific force) + offset + bias.
    /// A six-side calibration that stores per-axis scales only (as PX4's CAL_ACC0_xSCALE) cannot remove it.
    /// </summary>
    public Matrix3 AccelCrossAxis { get; init; } = Matrix3.Identity;

    /// <summary>
    /// How the IMU board is tilted against the airframe: roll, then pitch, rad (what a level-horizon calibration
    /// recovers into SENS_BOARD_X_OFF / SENS_BOARD_Y_OFF). The gyro and accelerometer measure in the board frame.
    /// </summary>
    public double BoardRollOffsetRad { get; init; }

    /// <inheritdoc cref="BoardRollOffsetRad"/>
    public double BoardPitchOffsetRad { get; init; }

    /// <summary>A perfect IMU (no noise, no bias, unlimited range) for tests and truth comparisons.</summary>
    public static ImuParameters Ideal { get; } = new(1000, 0, 0, 0, double.PositiveInfinity, 0, 0, 0, double.PositiveInfinity);
}
