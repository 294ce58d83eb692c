using StrategicTech.Autopilot.Calibration;
using StrategicTech.Autopilot.Flight;
using StrategicTech.Navigation.Calibration;
using StrategicTech.Navigation.Numerics;
using StrategicTech.TestSupport;

namespace StrategicTech.Autopilot.Tests.Calibration;

public class SensorCalibrationRunnerTests
{
    private static readonly AccelOrientation[] PilotOrder =
        [AccelOrientation.RightSideUp, AccelOrientation.UpsideDown, AccelOrientation.Left, AccelOrientation.Right, AccelOrientation.NoseDown, AccelOrientation.TailDown];

    /// <summary>Injected bias (0.02, −0.015, 0.01) rad/s, noise 0.001 rad/s: measured error 5.8e-5 rad/s; bound 8.7e-5 rad/s.</summary>
    [Fact]
    public void Gyro_calibration_stores_the_injected_bias_and_announces_it_as_PX4_does()
    {
        var bench = new CalibrationBench();
        Assert.Equal(CommandOutcome.Accepted, bench.Runner.Start(CalibrationKind.Gyro, armed: false));
        bench.Hold(Quaternion.Identity, 2.5);

        Assert.False(bench.Runner.Running);
        Assert.Equal(1, bench.Runner.Completed);
        var stored = new Vector3(bench.Store.Get("CAL_GYRO0_XOFF"), bench.Store.Get("CAL_GYRO0_YOFF"), bench.Store.Get("CAL_GYRO0_ZOFF"));
        Assert.True((stored - bench.GyroBiasRadps).Length < 8.7e-5, $"error {(stored - bench.GyroBiasRadps).Length:E2}");
        Assert.Equal("[cal] calibration started: 2 gyro", bench.Seen[0]);
        Assert.Equal("[cal] progress <0>", bench.Seen[1]);
        Assert.Contains("[cal] progress <50>", bench.Seen);
        Assert.Equal("[cal] progress <100>", bench.Seen[^2]);
        Assert.Equal("[cal] calibration done: gyro", bench.Seen[^1]);
    }

    [Fact]
    public void Gyro_calibration_while_the_vehicle_turns_fails_with_the_motion_reason_and_stores_nothing()
    {
        var bench = new CalibrationBench();
        bench.Runner.Start(CalibrationKind.Gyro, armed: false);
        bench.Hold(Quaternion.Identity, 2.5, yawRateRadps: 0.3);

        Assert.Equal(1, bench.Runner.Failed);
        Assert.Equal(CalibrationProblem.Motion, bench.Runner.LastProblem);
        Assert.Equal("[cal] calibration failed: vehicle moved", bench.Seen[^1]);
        Assert.Equal(0, bench.Store.Get("CAL_GYRO0_XOFF"));
    }

    /// <summary>
    /// Offset (0.3, −0.2, 0.25) m/s² and gain (1.03, 0.98, 1.02) injected; the pilot holds each side 2 s with a
    /// 1 s turn between. Measured: offset error 2.4e-4 m/s² (bound 3.6e-4), scale error 3.3e-5 (bound 5e-5).
    /// </summary>
    [Fact]
    public void Accel_six_side_calibration_stores_offset_and_scale_and_prompts_each_side()
    {
        var bench = new CalibrationBench();
        bench.Runner.Start(CalibrationKind.Accel, armed: false);
        foreach (AccelOrientation side in PilotOrder)
        {
            bench.Hold(CalibrationBench.SideAttitude(side), 2.0);
            Assert.Contains($"[cal] {OrientationDetector.Name(side)} orientation detected", bench.Seen);
            Assert.Contains($"[cal] {OrientationDetector.Name(side)} side done, rotate to a different side", bench.Seen);
        }

        Assert.Equal("[cal] calibration done: accel", bench.Seen[^1]);
        var offset = new Vector3(bench.Store.Get("CAL_ACC0_XOFF"), bench.Store.Get("CAL_ACC0_YOFF"), bench.Store.Get("CAL_ACC0_ZOFF"));
        var scale = new Vector3(bench.Store.Get("CAL_ACC0_XSCALE"), bench.Store.Get("CAL_ACC0_YSCALE"), bench.Store.Get("CAL_ACC0_ZSCALE"));
        Vector3 expectedScale = new(1 / bench.AccelGain.X, 1 / bench.AccelGain.Y, 1 / bench.AccelGain.Z);
        double offsetError = MaxAbs(offset - bench.AccelOffsetMps2), scaleError = MaxAbs(scale - expectedScale);
        Assert.True(offsetError < 3.6e-4 && scaleError < 5e-5, $"offset error {offsetError:E2}, scale error {scaleError:E2}");
    }

    [Fact]
    public void A_side_done_and_returned_to_is_announced_as_already_completed()
    {
        var bench = new CalibrationBench();
        bench.Runner.Start(CalibrationKind.Accel, armed: false);
        bench.Hold(Quaternion.Identity, 2.0);
        bench.Hold(Quaternion.FromEuler(Math.PI / 4, 0, 0), 0.5);
        bench.Hold(Quaternion.Identity, 1.0);
        Assert.True(bench.Seen.Contains("[cal] down side already completed"), string.Join(" | ", bench.Seen));
        Assert.True(bench.Runner.Running);
    }

    /// <summary>
    /// Hard iron (0.12, −0.08, 0.05) G and a symmetric soft iron injected; the pilot turns the vehicle one full turn per
    /// side. Measured: offset error 1.3e-4 G (bound 2e-4), soft-iron element error 3.1e-4 against S⁻¹ at det 1 (bound 4.6e-4).
    /// </summary>
    [Fact]
    public void Mag_calibration_with_a_turn_on_each_side_stores_hard_and_soft_iron()
    {
        var bench = new CalibrationBench();
        bench.Runner.Start(CalibrationKind.Mag, armed: false);
        foreach (AccelOrientation side in PilotOrder)
        {
            Quaternion attitude = bench.Hold(CalibrationBench.SideAttitude(side), 0.6);
            bench.Hold(attitude, 6.5, yawRateRadps: 2 * Math.PI / 6.0);
        }

        Assert.Equal("[cal] calibration done: mag", bench.Seen[^1]);
        Assert.True(bench.Runner.LastMag.Ellipsoid);
        var offset = new Vector3(bench.Store.Get("CAL_MAG0_XOFF"), bench.Store.Get("CAL_MAG0_YOFF"), bench.Store.Get("CAL_MAG0_ZOFF"));
        bench.MagSoftIron.TryInvert(out Matrix3 inverse);
        Matrix3 expected = inverse * (1.0 / Math.Cbrt(inverse.Determinant));
        double offsetError = MaxAbs(offset - bench.MagOffsetGauss);
        double softError = MaxAbs(bench.Corrections.MagSoftIronAfterRefresh() - expected);
        Assert.True(offsetError < 2e-4 && softError < 4.6e-4, $"offset error {offsetError:E2}, soft iron error {softError:E2}");
    }

    /// <summary>Board tilted 3° roll, −2° pitch on a calibrated accelerometer: measured error 0.0001° roll, 0.0021° pitch (bound 0.0032°).</summary>
    [Fact]
    public void Level_calibration_stores_the_board_tilt_in_degrees()
    {
        var bench = new CalibrationBench { AccelOffsetMps2 = Vector3.Zero, AccelGain = new Vector3(1, 1, 1) };
        bench.Runner.Start(CalibrationKind.Level, armed: false);
        Quaternion boardTilt = Quaternion.FromEuler(3 * Math.PI / 180, -2 * Math.PI / 180, 0);
        bench.Hold(boardTilt, 2.5);

        Assert.Equal("[cal] calibration done: level", bench.Seen[^1]);
        double rollError = Math.Abs(bench.Store.Get("SENS_BOARD_X_OFF") - 3), pitchError = Math.Abs(bench.Store.Get("SENS_BOARD_Y_OFF") + 2);
        Assert.True(rollError < 0.0032 && pitchError < 0.0032, $"roll error {rollError:F4}°, pitch error {pitchError:F4}°");
    }

    [Fact]
    public void Start_is_denied_while_armed_and_while_another_calibration_runs()
    {
        var bench = new CalibrationBench();
        Assert.Equal(CommandOutcome.Denied, bench.Runner.Start(CalibrationKind.Accel, armed: true));
        Assert.False(bench.Runner.Running);
        Assert.Equal(CommandOutcome.Accepted, bench.Runner.Start(CalibrationKind.Accel, armed: false));
        Assert.Equal(CommandOutcome.Denied, bench.Runner.Start(CalibrationKind.Gyro, armed: false));
        bench.Hold(Quaternion.Identity, 0.1);
        Assert.Contains("Calibration denied: vehicle armed", bench.Seen);
        Assert.Contains("Calibration denied: another calibration is running", bench.Seen);
    }

    [Fact]
    public void Cancel_stops_the_calibration_and_stores_nothing()
    {
        var bench = new CalibrationBench();
        bench.Runner.Start(CalibrationKind.Gyro, armed: false);
        bench.Hold(Quaternion.Identity, 1.0);
        Assert.True(bench.Runner.Cancel());
        bench.Hold(Quaternion.Identity, 2.0);
        Assert.Equal("[cal] calibration cancelled", bench.Seen[^1]);
        Assert.Equal(0, bench.Runner.Completed);
        Assert.Equal(0, bench.Store.Get("CAL_GYRO0_XOFF"));
    }

    [Fact]
    public void Idle_runner_and_corrections_allocate_nothing_per_sample()
    {
        var bench = new CalibrationBench();
        bench.Store.Set("CAL_GYRO0_XOFF", 0.01);
        bench.Store.Set("SENS_BOARD_X_OFF", 2);
        var imu = new Navigation.Estimation.Uav.ImuSample(1000, new Vector3(0.001, 0, 0), new Vector3(0, 0, -0.0098), 0.001);
        var mag = new Navigation.Estimation.Uav.MagSample(1000, new Vector3(0.2, 0, 0.4));
        Navigation.Estimation.Uav.ImuSample corrected = default;
        Allocations.AssertZero(() =>
        {
            bench.Corrections.Refresh();
            bench.Runner.OnImu(in imu);
            bench.Runner.OnMag(in mag);
            corrected = bench.Corrections.Correct(in imu);
            _ = bench.Corrections.Correct(in mag);
        });
        Assert.NotEqual(imu.DeltaAngleRad, corrected.DeltaAngleRad);
    }

    /// <summary>A running accelerometer calibration consumes samples without allocating (the buffers are made at start-up).</summary>
    [Fact]
    public void Running_calibration_allocates_nothing_per_sample()
    {
        var bench = new CalibrationBench();
        bench.Runner.Start(CalibrationKind.Mag, armed: false);
        bench.Hold(Quaternion.Identity, 0.6);
        long timeUs = bench.TimeUs;
        Allocations.AssertZero(() =>
        {
            timeUs += 1000;
            bench.Runner.OnImu(new Navigation.Estimation.Uav.ImuSample(timeUs, new Vector3(0, 0, 0.001), new Vector3(0, 0, -0.0098), 0.001));
            bench.Runner.OnMag(new Navigation.Estimation.Uav.MagSample(timeUs, new Vector3(0.2, 0, 0.4)));
        });
        Assert.True(bench.Runner.Running);
    }

    private static double MaxAbs(Vector3 v) => Math.Max(Math.Abs(v.X), Math.Max(Math.Abs(v.Y), Math.Abs(v.Z)));

    private static double MaxAbs(in Matrix3 m) =>
        new[] { m.M11, m.M12, m.M13, m.M21, m.M22, m.M23, m.M31, m.M32, m.M33 }.Max(Math.Abs);
}

internal static class SensorCorrectionsTestExtensions
{
    public static Matrix3 MagSoftIronAfterRefresh(this SensorCorrections corrections)
    {
        corrections.Refresh();
        return corrections.MagSoftIron;
    }
}
