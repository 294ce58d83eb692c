using StrategicTech.Autopilot.Control;
using StrategicTech.Autopilot.Control.Allocation;
using StrategicTech.Autopilot.Tests.Control.Models;
using StrategicTech.Navigation.Numerics;
using StrategicTech.TestSupport;

namespace StrategicTech.Autopilot.Tests.Control;

public class AttitudeControllerTests
{
    private const double Dt = 0.0025;
    private const double Deg = Math.PI / 180.0;

    private static readonly AttitudeController Controller = new(AttitudeControllerParameters.Default);

    /// <summary>Attitude + rate loop + mixer on the quad rigid body; returns the tilt error (rad) at each step.</summary>
    private static double[] TiltErrorResponse(Quaternion setpoint, int steps, out QuadrotorModel plant) =>
        TiltErrorResponse(setpoint, steps, out plant, out _);

    private static double[] TiltErrorResponse(Quaternion setpoint, int steps, out QuadrotorModel plant, out double[] rollRad)
    {
        var attitude = new AttitudeController(AttitudeControllerParameters.Default);
        var rate = new RateController(RateControllerParameters.Default);
        var allocator = new ControlAllocator(MultirotorGeometry.QuadX());
        plant = new QuadrotorModel(MultirotorGeometry.QuadX()) { RotationOnly = true };
        var motors = new double[4];
        SaturationStatus status = default;
        Vector3 zSetpoint = setpoint.Rotate(Vector3.UnitZ);
        var tiltError = new double[steps];
        rollRad = new double[steps];
        for (int k = 0; k < steps; k++)
        {
            Vector3 rateSetpoint = attitude.Update(plant.Attitude, setpoint);
            Vector3 torque = rate.Update(rateSetpoint, plant.BodyRate, Dt, status);
            status = allocator.Allocate(torque, 0.5, motors);
            plant.Step(motors, Dt);
            double cosine = Vector3.Dot(plant.Attitude.Rotate(Vector3.UnitZ), zSetpoint);
            tiltError[k] = Math.Acos(Math.Clamp(cosine, -1, 1));
            rollRad[k] = plant.Attitude.ToEuler().X;
        }

        return tiltError;
    }

    [Fact]
    public void Small_errors_give_rates_proportional_to_the_gains()
    {
        Vector3 rate = Controller.Update(Quaternion.FromEuler(0.05, 0, 0), Quaternion.Identity);
        Assert.Equal(-6.5 * 0.05, rate.X, 4);
        Assert.Equal(0, rate.Y, 4);
        Assert.Equal(0, rate.Z, 4);

        // Yaw alone: the heading error times MC_YAW_P.
        rate = Controller.Update(Quaternion.FromEuler(0, 0, 0.05), Quaternion.Identity);
        Assert.Equal(-2.8 * 0.05, rate.Z, 4);
    }

    [Theory]
    [InlineData(350, -1)]
    [InlineData(10, 1)]
    [InlineData(179, 1)]
    [InlineData(181, -1)]
    public void Heading_errors_are_corrected_the_short_way(double setpointYawDeg, int expectedSign)
    {
        Vector3 rate = Controller.Update(Quaternion.Identity, Quaternion.FromEuler(0, 0, setpointYawDeg * Deg));
        Assert.Equal(expectedSign, Math.Sign(rate.Z));
    }

    [Fact]
    public void Both_signs_of_the_setpoint_quaternion_give_the_same_rates()
    {
        Quaternion q = Quaternion.FromEuler(0.3, -0.2, 1.0);
        Quaternion qd = Quaternion.FromEuler(-0.1, 0.25, -2.9);
        Vector3 a = Controller.Update(q, qd);
        Vector3 b = Controller.Update(q, -qd);
        Vector3 c = Controller.Update(-q, qd);
        Assert.True((a - b).Length < 1e-12 && (a - c).Length < 1e-12);
    }

    [Fact]
    public void Large_tilt_error_takes_the_shortest_rotation()
    {
        // Rolled 100° right; the setpoint is level: roll back left (negative), not onward over the top.
        Vector3 rate = Controller.Update(Quaternion.FromEuler(100 * Deg, 0, 0), Quaternion.Identity);
        Assert.True(rate.X < 0);
    }

    [Fact]
    public void Rate_setpoints_respect_the_limits_and_keep_the_tilt_direction()
    {
        Quaternion q = Quaternion.FromEuler(1.2, -0.4, 0), qd = Quaternion.FromEuler(-0.6, 0.5, 3.0);
        Vector3 rate = Controller.Update(q, qd);
        double rollPitch = Math.Sqrt((rate.X * rate.X) + (rate.Y * rate.Y));
        Assert.Equal(220 * Deg, rollPitch, 9);
        Assert.Equal(200 * Deg, Math.Abs(rate.Z), 9);

        // Same direction as without limits.
        var unlimited = new AttitudeController(AttitudeControllerParameters.Default with
        {
            MaxRollRateRadps = 30, MaxPitchRateRadps = 30, MaxYawRateRadps = 30,
        });
        Vector3 free = unlimited.Update(q, qd);
        Assert.True(Math.Sqrt((free.X * free.X) + (free.Y * free.Y)) > 220 * Deg);
        Assert.Equal(0, (free.X * rate.Y) - (free.Y * rate.X), 9);
    }

    [Fact]
    public void Yaw_rate_feed_forward_is_added_about_the_vertical()
    {
        Vector3 rate = Controller.Update(Quaternion.Identity, Quaternion.Identity, 0.5);
        Assert.Equal(new Vector3(0, 0, 0.5), rate);
    }

    [Fact]
    public void Error_splits_into_a_body_tilt_and_a_heading_that_recompose_the_setpoint()
    {
        Quaternion q = Quaternion.FromEuler(0.1, 0.0, 0.0);
        Quaternion qd = Quaternion.FromEuler(-0.2, 0.3, 2.0);
        AttitudeController.SplitError(q, qd, out Vector3 tilt, out double heading);
        Assert.Equal(0, tilt.Z, 12);

        // qd = q · exp(tilt) · Rz(heading)
        Quaternion recomposed = q * Quaternion.FromRotationVector(tilt) * Quaternion.FromAxisAngle(Vector3.UnitZ, heading);
        Assert.True(Quaternion.AngleBetween(recomposed, qd) < 1e-9);

        // The tilt part alone brings body Z onto the setpoint's.
        Vector3 z = (q * Quaternion.FromRotationVector(tilt)).Rotate(Vector3.UnitZ);
        Assert.True((z - qd.Rotate(Vector3.UnitZ)).Length < 1e-12);
    }

    [Fact]
    public void Roll_step_settles_within_0_6_s_with_overshoot_under_15_percent()
    {
        TiltErrorResponse(Quaternion.FromEuler(20 * Deg, 0, 0), 1200, out QuadrotorModel plant, out double[] roll);
        var metrics = new StepMetrics(0, 20 * Deg, 0.05);
        for (int k = 0; k < roll.Length; k++)
        {
            metrics.Add((k + 1) * Dt, roll[k]);
        }

        Assert.Equal(20 * Deg, plant.Attitude.ToEuler().X, 0.025 * Deg); // measured 0.0156° off; bound 0.025°
        Assert.True(metrics.SettlingTimeS < 0.6, $"settled after {metrics.SettlingTimeS:F3} s"); // measured 0.56 s; bound 0.6 s
        Assert.True(metrics.Overshoot < 0.15, $"overshoot {metrics.Overshoot:P1}"); // measured 11.4 %; bound 15 %
    }

    [Fact]
    public void A_large_yaw_error_does_not_disturb_the_tilt_response()
    {
        double[] tiltOnly = TiltErrorResponse(Quaternion.FromEuler(30 * Deg, 0, 0), 2000, out _);
        double[] tiltAndYaw = TiltErrorResponse(Quaternion.FromEuler(30 * Deg, 0, 170 * Deg), 2000, out QuadrotorModel plant);

        double worst = 0;
        for (int k = 0; k < tiltOnly.Length; k++)
        {
            worst = Math.Max(worst, tiltAndYaw[k] - tiltOnly[k]);
        }

        Assert.True(worst < 1.7 * Deg, // measured 1.13°; bound 1.7°
            $"tilt error with the yaw error exceeds tilt-only by {worst / Deg:F2}°");
        Assert.True(tiltAndYaw[400] < 1.0 * Deg, $"tilt error after 1 s {tiltAndYaw[400] / Deg:F2}°"); // measured 0.68°; bound 1.0°

        // The heading still arrives (slower, at the yaw rate limit and weight), within 5 s.
        Assert.Equal(170, plant.Attitude.ToEuler().Z / Deg, 1.0); // measured 170.73°; bound ± 1.0°
    }

    [Fact]
    public void Attitude_update_allocates_nothing()
    {
        var controller = new AttitudeController(AttitudeControllerParameters.Default);
        Quaternion q = Quaternion.FromEuler(0.1, 0.2, 0.3);
        Quaternion qd = Quaternion.FromEuler(-0.3, 0.1, 2.5);
        Allocations.AssertZero(() => controller.Update(q, qd, 0.1), 10_000);
    }
}
