using StrategicTech.Navigation.Numerics;
using StrategicTech.Sim.SensorModels;

namespace StrategicTech.Sim.Scenarios;

/// <summary>
/// Sensor errors a scenario injects into one vehicle's sensor models (the scenario file's <c>sensorErrors</c>), in
/// the sensor's own frame: the errors that calibration (gyro, six-side accelerometer, magnetometer ellipsoid, level
/// horizon) is there to remove. Defaults are "none"; the model's random turn-on biases and noise stay as they are.
/// </summary>
public sealed record SensorErrors
{
    /// <summary>Fixed gyro bias, rad/s (board FRD).</summary>
    public Vector3 GyroBiasRadps { get; init; }

    /// <summary>Fixed accelerometer offset, m/s² (board FRD).</summary>
    public Vector3 AccelOffsetMps2 { get; init; }

    /// <summary>Per-axis accelerometer gain (1 = none).</summary>
    public Vector3 AccelScale { get; init; } = new(1, 1, 1);

    /// <summary>Accelerometer cross-axis coupling (identity plus the off-diagonal terms given).</summary>
    public Matrix3 AccelCrossAxis { get; init; } = Matrix3.Identity;

    /// <summary>Magnetometer hard iron, gauss (body FRD).</summary>
    public Vector3 MagHardIronGauss { get; init; }

    /// <summary>Magnetometer soft iron (reading = S·field + hard iron; identity = none).</summary>
    public Matrix3 MagSoftIron { get; init; } = Matrix3.Identity;

    /// <summary>IMU board tilt against the airframe, rad (roll, then pitch).</summary>
    public double BoardRollOffsetRad { get; init; }

    /// <inheritdoc cref="BoardRollOffsetRad"/>
    public double BoardPitchOffsetRad { get; init; }

    /// <summary>The sensor suite <paramref name="baseline"/> with these errors in place of its fixed ones.</summary>
    public SensorSuiteParameters ApplyTo(SensorSuiteParameters baseline)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        return baseline with
        {
            Imu = baseline.Imu with
            {
                GyroFixedBiasFrdRadPerS = GyroBiasRadps,
                AccelOffsetFrdMps2 = AccelOffsetMps2,
                AccelGain = AccelScale,
                AccelCrossAxis = AccelCrossAxis,
                BoardRollOffsetRad = BoardRollOffsetRad,
                BoardPitchOffsetRad = BoardPitchOffsetRad,
            },
            Mag = baseline.Mag with { HardIronFrdGauss = MagHardIronGauss, SoftIron = MagSoftIron },
        };
    }
}
