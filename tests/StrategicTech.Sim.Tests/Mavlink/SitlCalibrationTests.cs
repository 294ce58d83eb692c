using StrategicTech.Autopilot.Calibration;
using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Navigation.Numerics;
using StrategicTech.Navigation.Estimation.Uav;
using StrategicTech.Sim.Lockstep;
using StrategicTech.Sim.Physics;
using StrategicTech.Sim.SensorModels;
using StrategicTech.Sim.Tests.Sitl;

namespace StrategicTech.Sim.Tests.Mavlink;

/// <summary>
/// Sensor calibration end to end in lockstep SITL: the sensor models carry injected errors, a ground station sends
/// MAV_CMD_PREFLIGHT_CALIBRATION, and <see cref="CalibrationPilot"/> turns the vehicle through the poses.
/// </summary>
public class SitlCalibrationTests
{
    private static readonly Vector3 GyroBias = new(0.03, -0.02, 0.015);
    private static readonly Vector3 AccelOffset = new(0.35, -0.25, 0.3);
    private static readonly Vector3 AccelGain = new(1.03, 0.97, 1.02);
    private static readonly Vector3 HardIron = new(0.15, -0.1, 0.08);
    private static readonly Matrix3 SoftIron = new(1.1, 0.05, -0.03, 0.05, 0.92, 0.04, -0.03, 0.04, 1.0);

    private static SensorSuiteParameters Injected => SensorSuiteParameters.Default with
    {
        Imu = ImuParameters.Default with { GyroFixedBiasFrdRadPerS = GyroBias, AccelOffsetFrdMps2 = AccelOffset, AccelGain = AccelGain },
        Mag = MagParameters.Default with { HardIronFrdGauss = HardIron, SoftIron = SoftIron },
    };

    /// <summary>
    /// Against the model's true errors (the injected ones plus its random turn-on bias, as it is at the end). Measured:
    /// gyro bias error 1.56e-4 rad/s (bound 2.3e-4), accel offset 2.6e-3 m/s² (bound 4e-3), accel scale 6.6e-5 (bound
    /// 1e-4), mag offset 2.1e-4 G (bound 3.2e-4), soft-iron element (against S⁻¹ at det 1) 9.1e-4 (bound 1.4e-3).
    /// </summary>
    [Fact]
    public void Gyro_accel_and_mag_calibration_over_mavlink_store_the_injected_errors()
    {
        SitlVehicle vehicle = SitlFixtures.CreateQuad(sensors: Injected, magnetometerCalibrated: false);
        var ground = new GroundStation(vehicle);
        var pilot = new CalibrationPilot(vehicle);
        SensorCalibrationRunner runner = vehicle.Vehicle.Calibration;
        ground.RunUntil(() => false, 1_000_000);

        pilot.HoldLevel(3.0);
        Assert.Equal(MavResult.Accepted, Calibrate(ground, gyro: 1));
        Assert.True(ground.RunUntil(() => !runner.Running && pilot.Idle, 10_000_000), "gyro calibration did not finish");

        pilot.ShowSixSides(2.0);
        Assert.Equal(MavResult.Accepted, Calibrate(ground, accel: 1));
        Assert.True(ground.RunUntil(() => !runner.Running && pilot.Idle, 60_000_000), "accel calibration did not finish");

        pilot.TurnOnSixSides(0.6, 6.0);
        Assert.Equal(MavResult.Accepted, Calibrate(ground, mag: 1));
        Assert.True(ground.RunUntil(() => !runner.Running && pilot.Idle, 120_000_000), "mag calibration did not finish");

        string[] texts = [.. ground.All<Statustext>().Select(t => t.TextText)];
        Assert.Equal(3, runner.Completed);
        Assert.Contains("[cal] calibration started: 2 accel", texts);
        Assert.Contains("[cal] up orientation detected", texts);
        Assert.Contains("[cal] back side done, rotate to a different side", texts);
        Assert.Contains("[cal] calibration done: gyro", texts);
        Assert.Contains("[cal] calibration done: accel", texts);
        Assert.Contains("[cal] calibration done: mag", texts);

        var p = vehicle.Parameters;
        ImuModel imu = vehicle.Sensors.Imu;
        double gyroError = MaxAbs(new Vector3(p.Get("CAL_GYRO0_XOFF"), p.Get("CAL_GYRO0_YOFF"), p.Get("CAL_GYRO0_ZOFF")) - imu.GyroBiasFrdRadPerS);
        double offsetError = MaxAbs(new Vector3(p.Get("CAL_ACC0_XOFF"), p.Get("CAL_ACC0_YOFF"), p.Get("CAL_ACC0_ZOFF")) - (AccelOffset + imu.AccelBiasFrdMps2));
        double scaleError = MaxAbs(new Vector3(p.Get("CAL_ACC0_XSCALE") - (1 / AccelGain.X), p.Get("CAL_ACC0_YSCALE") - (1 / AccelGain.Y), p.Get("CAL_ACC0_ZSCALE") - (1 / AccelGain.Z)));
        double magError = MaxAbs(new Vector3(p.Get("CAL_MAG0_XOFF"), p.Get("CAL_MAG0_YOFF"), p.Get("CAL_MAG0_ZOFF")) - HardIron);
        SoftIron.TryInvert(out Matrix3 inverse);
        Matrix3 expected = inverse * (1.0 / Math.Cbrt(inverse.Determinant));
        vehicle.Vehicle.Corrections.Refresh();
        double softError = MaxAbs(vehicle.Vehicle.Corrections.MagSoftIron - expected);
        string measured = $"gyro {gyroError:E2}, accel offset {offsetError:E2}, scale {scaleError:E2}, mag {magError:E2}, soft {softError:E2}";
        Assert.True(gyroError < 2.3e-4 && offsetError < 4e-3 && scaleError < 1e-4 && magError < 3.2e-4 && softError < 1.4e-3, measured);
    }

    /// <summary>
    /// Mean EKF attitude error (angle to the truth, yaw included) over a 10 s hover at 5 m, with the EKF told the
    /// simulated world's declination (3°; as a pilot sets EKF2_MAG_DECL) and a magnetometer free of the default model's
    /// small hard iron, so nothing but the injected errors, turn-on biases and noise remain. Measured (seed 1):
    /// error-free sensors 0.191° (bound 0.29°); injected errors calibrated over MAVLink 0.074° (bound 0.11°; lower than
    /// the error-free run, whose random gyro and accelerometer turn-on biases nobody calibrated); the same errors
    /// uncalibrated 13.28° (bound: above 8.9°). The earlier gap (1.21° calibrated against 0.43° "error-free") had two
    /// causes. The SITL EKF keeps its declination parameter (0°) while the simulated world's field has 3°: the
    /// default model's uncalibrated hard iron happened to cancel most of it (0.43°), and calibration removed that hard
    /// iron and exposed the full 3°. And the calibrated run is as good as the error-free one only because the estimator realigns at rest after each
    /// calibration (<see cref="PostCalibrationRealignment"/>): before that it kept the magnetometer strength it
    /// aligned on (0.63 G uncorrected against 0.48 G corrected), judged every corrected sample disturbed, left the
    /// magnetometer unfused and drifted in yaw.
    /// </summary>
    [Fact]
    public void Hover_attitude_error_is_below_0_11_deg_calibrated_below_0_29_deg_error_free_and_above_8_9_deg_uncalibrated()
    {
        double clean = HoverAttitudeErrorDeg(ErrorFree, calibrate: false);
        double calibrated = HoverAttitudeErrorDeg(Injected, calibrate: true);
        double uncalibrated = HoverAttitudeErrorDeg(Injected, calibrate: false);
        string measured = $"clean {clean:F3}°, calibrated {calibrated:F3}°, uncalibrated {uncalibrated:F3}°";
        Assert.True(clean < 0.29 && calibrated < 0.11 && uncalibrated > 8.9, measured);
    }

    private static SensorSuiteParameters ErrorFree => SensorSuiteParameters.Default with { Mag = MagParameters.Default with { HardIronFrdGauss = Vector3.Zero } };

    private static double HoverAttitudeErrorDeg(SensorSuiteParameters sensors, bool calibrate)
    {
        // A fixed field with its declination given to the EKF; the compass starts uncalibrated (CAL_MAG0_* at defaults)
        // so that only the calibration run under test can correct it.
        var ekf = new UavEkfParameters { MagDeclinationRad = MagneticFieldParameters.Default.DeclinationRad };
        var vehicle = new SitlVehicle(SitlFixtures.Quad, SimulationEnvironment.Default with { Seed = 1, Wind = WindParameters.Calm, MagneticField = MagneticFieldParameters.Default },
            sensorSeed: 1, sensors: sensors, ekf: ekf, magnetometerCalibrated: false);
        if (calibrate)
        {
            var ground = new GroundStation(vehicle);
            var pilot = new CalibrationPilot(vehicle);
            ground.RunUntil(() => false, 1_000_000);
            pilot.HoldLevel(3.0);
            Assert.Equal(MavResult.Accepted, Calibrate(ground, gyro: 1));
            Assert.True(ground.RunUntil(() => !vehicle.Vehicle.Calibration.Running && pilot.Idle, 10_000_000));
            pilot.ShowSixSides(2.0);
            Assert.Equal(MavResult.Accepted, Calibrate(ground, accel: 1));
            Assert.True(ground.RunUntil(() => !vehicle.Vehicle.Calibration.Running && pilot.Idle, 60_000_000));
            pilot.TurnOnSixSides(0.6, 6.0);
            Assert.Equal(MavResult.Accepted, Calibrate(ground, mag: 1));
            Assert.True(ground.RunUntil(() => !vehicle.Vehicle.Calibration.Running && pilot.Idle, 120_000_000));
            Assert.Equal(3, vehicle.Vehicle.Calibration.Completed);
        }

        Assert.True(vehicle.StepUntil(x => x.ReadyToArm, 60_000_000), "EKF never ready to arm");
        vehicle.StepFor(5_000_000);
        if (calibrate)
        {
            Assert.True(vehicle.Ekf.RealignCount >= 1, "the estimator did not realign after the calibration");
        }

        Assert.True(vehicle.Arm(), "arming refused: " + string.Join(" / ", SitlFixtures.Texts(vehicle).TakeLast(3)));
        Assert.True(vehicle.Navigator.Takeoff(5.0));
        Assert.True(vehicle.StepUntil(x => x.Navigator.State == Autopilot.Flight.AutoState.Hold, 30_000_000), "takeoff not finished");
        double sumDeg = 0;
        int count = 0;
        for (int i = 0; i < 500; i++)
        {
            vehicle.StepFor(20_000);
            sumDeg += Quaternion.AngleBetween(vehicle.Estimate.AttitudeNed, vehicle.Truth.Attitude) * 180 / Math.PI;
            count++;
        }

        return sumDeg / count;
    }

    private static MavResult Calibrate(GroundStation ground, float gyro = 0, float mag = 0, float accel = 0) =>
        ground.Await(ground.Commands.SendAsync(new CommandLong
        {
            TargetSystem = 1, TargetComponent = 1, Command = MavCmd.PreflightCalibration, Param1 = gyro, Param2 = mag, Param5 = accel,
        }));

    private static double MaxAbs(Vector3 v) => Math.Max(Math.Abs(v.X), Math.Max(Math.Abs(v.Y), Math.Abs(v.Z)));

    private static double MaxAbs(in Matrix3 m) =>
        new[] { m.M11, m.M12, m.M13, m.M21, m.M22, m.M23, m.M31, m.M32, m.M33 }.Max(Math.Abs);
}
