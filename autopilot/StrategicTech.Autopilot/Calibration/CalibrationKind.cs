namespace StrategicTech.Autopilot.Calibration;

/// <summary>What MAV_CMD_PREFLIGHT_CALIBRATION asked for (one at a time, as PX4 runs them).</summary>
public enum CalibrationKind
{
    None,

    /// <summary>param1 = 1.</summary>
    Gyro,

    /// <summary>param2 = 1.</summary>
    Mag,

    /// <summary>param5 = 1.</summary>
    Accel,

    /// <summary>param5 = 2.</summary>
    Level,
}
