using StrategicTech.Autopilot.Calibration;
using StrategicTech.Autopilot.Flight;
using StrategicTech.Navigation.Estimation.Uav;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Autopilot.Tests.Calibration;

public class SensorCorrectionsTests
{
    [Fact]
    public void Defaults_pass_samples_through_unchanged()
    {
        var corrections = new SensorCorrections(FlightParameterDefinitions.CreateStore());
        var imu = new ImuSample(5, new Vector3(0.001, -0.002, 0.003), new Vector3(0.01, 0.02, -0.0098), 0.001);
        var mag = new MagSample(5, new Vector3(0.2, -0.1, 0.4));
        Assert.Equal(imu, corrections.Correct(in imu));
        Assert.Equal(mag, corrections.Correct(in mag));
    }

    [Fact]
    public void Parameters_set_later_apply_at_the_next_refresh_to_the_delta_values()
    {
        var store = FlightParameterDefinitions.CreateStore();
        var corrections = new SensorCorrections(store);
        store.Set("CAL_GYRO0_ZOFF", 0.5);
        store.Set("CAL_ACC0_XOFF", 1.0);
        store.Set("CAL_ACC0_XSCALE", 0.5);
        store.Set("CAL_MAG0_XOFF", 0.1);
        store.Set("CAL_MAG0_XSCALE", 2.0);
        store.Set("CAL_MAG0_XODIAG", 0.5);
        corrections.Refresh();

        ImuSample imu = corrections.Correct(new ImuSample(5, new Vector3(0, 0, 0.002), new Vector3(0.004, 0, 0), 0.002));
        Assert.Equal(0.002 - (0.5 * 0.002), imu.DeltaAngleRad.Z, 15);
        Assert.Equal(0.5 * (0.004 - (1.0 * 0.002)), imu.DeltaVelocityMps.X, 15);

        MagSample mag = corrections.Correct(new MagSample(5, new Vector3(0.3, 0.2, 0)));
        Assert.Equal((2.0 * 0.2) + (0.5 * 0.2), mag.FieldGauss.X, 15);
        Assert.Equal((0.5 * 0.2) + 0.2, mag.FieldGauss.Y, 15);
    }

    [Fact]
    public void Board_trim_rotates_a_tilted_board_reading_back_to_level()
    {
        var store = FlightParameterDefinitions.CreateStore();
        store.Set("SENS_BOARD_X_OFF", 4);
        store.Set("SENS_BOARD_Y_OFF", -3);
        var corrections = new SensorCorrections(store);
        Quaternion tilt = Quaternion.FromEuler(4 * Math.PI / 180, -3 * Math.PI / 180, 0);
        Vector3 onBoard = tilt.RotateInverse(new Vector3(0, 0, -9.81)) * 0.001;
        ImuSample imu = corrections.Correct(new ImuSample(5, Vector3.Zero, onBoard, 0.001));
        Assert.Equal(0, imu.DeltaVelocityMps.X, 12);
        Assert.Equal(0, imu.DeltaVelocityMps.Y, 12);
    }
}
