namespace StrategicTech.Autopilot.Calibration;

/// <summary>Timing and stillness thresholds of the calibration runner (defaults suit a MEMS IMU at 1 kHz).</summary>
public sealed record CalibrationSettings
{
    /// <summary>Stillness and orientation are judged on blocks of this length.</summary>
    public long BlockUs { get; init; } = 250_000;

    /// <summary>A block is still when no accelerometer axis varies more than this (standard deviation).</summary>
    public double StillAccelStdMps2 { get; init; } = 0.3;

    /// <summary>… and the mean rotation rate is below this (a turning vehicle can average to a clean gravity vector).</summary>
    public double StillRateRadps { get; init; } = 0.2;

    /// <summary>Gyro bias window.</summary>
    public long GyroDurationUs { get; init; } = 2_000_000;

    /// <summary>Still time collected on each accelerometer side once it is detected.</summary>
    public long AccelSideUs { get; init; } = 1_000_000;

    /// <summary>Rotation time collected on each side for the magnetometer.</summary>
    public long MagSideUs { get; init; } = 6_000_000;

    /// <summary>Magnetometer samples kept at most this often (limits the buffer; 200 per side at the default).</summary>
    public long MagSpacingUs { get; init; } = 30_000;

    /// <summary>Level-horizon window.</summary>
    public long LevelDurationUs { get; init; } = 2_000_000;

    /// <summary>A calibration not finished in this time fails (the pilot walked away).</summary>
    public long TimeoutUs { get; init; } = 300_000_000;
}
