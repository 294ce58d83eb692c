using StrategicTech.Autopilot.Parameters;

namespace StrategicTech.Autopilot.Calibration;

/// <summary>
/// The calibration results as parameters, with PX4's names and units: gyro bias (rad/s), accelerometer offset (m/s²)
/// and correction scale, magnetometer hard iron (gauss) and soft iron (diagonal and off-diagonal xy, xz, yz of the
/// symmetric correction matrix), board trim (deg). Defaults are the identity correction, so an uncalibrated vehicle
/// flies on raw readings. Appended after the flight parameters (existing MAVLink indices unchanged).
/// </summary>
public static class SensorCalibrationParameters
{
    private const ParameterType F = ParameterType.Float;

    public static IReadOnlyList<ParameterDefinition> Definitions { get; } =
    [
        new("CAL_GYRO0_XOFF", F, 0, -1, 1, "rad/s", "Gyro X bias"),
        new("CAL_GYRO0_YOFF", F, 0, -1, 1, "rad/s", "Gyro Y bias"),
        new("CAL_GYRO0_ZOFF", F, 0, -1, 1, "rad/s", "Gyro Z bias"),
        new("CAL_ACC0_XOFF", F, 0, -5, 5, "m/s^2", "Accelerometer X offset"),
        new("CAL_ACC0_YOFF", F, 0, -5, 5, "m/s^2", "Accelerometer Y offset"),
        new("CAL_ACC0_ZOFF", F, 0, -5, 5, "m/s^2", "Accelerometer Z offset"),
        new("CAL_ACC0_XSCALE", F, 1, 0.5, 1.5, "", "Accelerometer X scale correction"),
        new("CAL_ACC0_YSCALE", F, 1, 0.5, 1.5, "", "Accelerometer Y scale correction"),
        new("CAL_ACC0_ZSCALE", F, 1, 0.5, 1.5, "", "Accelerometer Z scale correction"),
        new("CAL_MAG0_XOFF", F, 0, -2, 2, "gauss", "Magnetometer X hard-iron offset"),
        new("CAL_MAG0_YOFF", F, 0, -2, 2, "gauss", "Magnetometer Y hard-iron offset"),
        new("CAL_MAG0_ZOFF", F, 0, -2, 2, "gauss", "Magnetometer Z hard-iron offset"),
        new("CAL_MAG0_XSCALE", F, 1, 0.2, 5, "", "Magnetometer soft-iron matrix XX"),
        new("CAL_MAG0_YSCALE", F, 1, 0.2, 5, "", "Magnetometer soft-iron matrix YY"),
        new("CAL_MAG0_ZSCALE", F, 1, 0.2, 5, "", "Magnetometer soft-iron matrix ZZ"),
        new("CAL_MAG0_XODIAG", F, 0, -1, 1, "", "Magnetometer soft-iron matrix XY"),
        new("CAL_MAG0_YODIAG", F, 0, -1, 1, "", "Magnetometer soft-iron matrix XZ"),
        new("CAL_MAG0_ZODIAG", F, 0, -1, 1, "", "Magnetometer soft-iron matrix YZ"),
        new("SENS_BOARD_X_OFF", F, 0, -45, 45, "deg", "Board roll trim (level horizon)"),
        new("SENS_BOARD_Y_OFF", F, 0, -45, 45, "deg", "Board pitch trim (level horizon)"),
    ];
}
