using StrategicTech.Autopilot.Control;
using StrategicTech.Autopilot.Control.Allocation;
using StrategicTech.Autopilot.Tests.Control.Models;
using StrategicTech.Navigation.Numerics;
using StrategicTech.TestSupport;

namespace StrategicTech.Autopilot.Tests.Control;

/// <summary>Rate loop + allocation on the 1.5 kg quad rigid body (20 ms motor lag), 400 Hz.</summary>
public class RateControllerTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const double Dt = 0.0025;

    private sealed class Loop
    {
        private readonly double[] _motors = new double[4];
        private SaturationStatus _status;

        public Loop(RateControllerParameters parameters)
        {
            Rate = new RateController(parameters);
            Allocator = new ControlAllocator(MultirotorGeometry.QuadX());
            Plant = new QuadrotorModel(MultirotorGeometry.QuadX()) { RotationOnly = true };
        }

        public RateController Rate { get; }

        public ControlAllocator Allocator { get; }

        public QuadrotorModel Plant { get; }

        public bool IgnoreMixerSaturation { get; set; }

        public double Thrust { get; set; } = 0.5;

        public void Step(Vector3 rateSetpoint)
        {
            Vector3 torque = Rate.Update(rateSetpoint, Plant.BodyRate, Dt, IgnoreMixerSaturation ? SaturationStatus.None : _status);
            _status = Allocator.Allocate(torque, Thrust, _motors);
            Plant.Step(_motors, Dt);
        }
    }

    [Theory]
    [InlineData(0, 2.0)]
    [InlineData(1, -2.0)]
    [InlineData(2, 1.5)]
    public void Rate_step_overshoots_under_13_percent_and_settles_to_10_percent_in_0_2_s_roll_pitch_and_0_8_s_yaw(int axis, double stepRadps)
    {
        var loop = new Loop(RateControllerParameters.Default);
        Vector3 setpoint = axis switch { 0 => new(stepRadps, 0, 0), 1 => new(0, stepRadps, 0), _ => new(0, 0, stepRadps) };
        // Yaw (rotor drag only, ≈ 4.3 rad/s² per unit demand) is judged on a 5 % band, roll/pitch on 2 %.
        var metrics = new StepMetrics(0, stepRadps, axis == 2 ? 0.05 : 0.02);
        var coarse = new StepMetrics(0, stepRadps, 0.10);
        for (int k = 1; k <= 2000; k++)
        {
            loop.Step(setpoint);
            metrics.Add(k * Dt, loop.Plant.BodyRate[axis]);
            coarse.Add(k * Dt, loop.Plant.BodyRate[axis]);
        }

        // Roll/pitch: bandwidth ≈ 13 rad/s; yaw is slower (rotor drag only). The PI zero leaves a slow tail.
        double coarseBoundS = axis == 2 ? 0.8 : 0.2;
        double fineBoundS = axis == 2 ? 4.0 : 1.5;
        output.WriteLine($"axis {axis}: overshoot {metrics.Overshoot:F4}, 10 % band after {coarse.SettlingTimeS:F3} s, fine band after {metrics.SettlingTimeS:F3} s, final error {Math.Abs(stepRadps - metrics.LastValue):E3}");
        // Measured (roll = pitch / yaw): overshoot 8.75 % / 8.58 %; 10 % band 0.158 / 0.680 s; fine band 1.458 / 3.690 s;
        // final error after 5 s 1.6e-4 / 0.045 rad/s.
        Assert.True(metrics.Overshoot < 0.13, $"overshoot {metrics.Overshoot:P1}"); // bound 13 %
        Assert.True(coarse.SettlingTimeS < coarseBoundS, $"settled within 10 % after {coarse.SettlingTimeS:F3} s"); // bound 0.2 / 0.8 s
        Assert.True(metrics.SettlingTimeS < fineBoundS, $"settled within the fine band after {metrics.SettlingTimeS:F3} s, final {metrics.LastValue}, overshoot {metrics.Overshoot:P1}"); // bound 1.5 / 4.0 s
        Assert.Equal(stepRadps, metrics.LastValue, axis == 2 ? 0.05 : 2.4e-4); // bound 2.4e-4 / 0.05 rad/s
    }

    [Fact]
    public void Constant_disturbance_torque_is_rejected_by_the_integrator_to_a_residual_rate_under_0_0148_radps_where_P_only_keeps_0_9_radps()
    {
        var withIntegrator = new Loop(RateControllerParameters.Default);
        var proportionalOnly = new Loop(RateControllerParameters.Default with { Integral = Vector3.Zero });
        var disturbance = new Vector3(0.4, -0.3, 0.05);
        withIntegrator.Plant.DisturbanceTorqueNm = disturbance;
        proportionalOnly.Plant.DisturbanceTorqueNm = disturbance;
        for (int k = 0; k < 4000; k++)
        {
            withIntegrator.Step(Vector3.Zero);
            proportionalOnly.Step(Vector3.Zero);
        }

        // 10 s later: the integrator has cancelled the torque; without it a rate error stays.
        Vector3 residual = withIntegrator.Plant.BodyRate;
        output.WriteLine($"residual {residual.X:E3} {residual.Y:E3} {residual.Z:E3} rad/s, P-only {proportionalOnly.Plant.BodyRate.Length:F4} rad/s");
        Assert.True(Math.Abs(residual.X) < 3.1e-7 && Math.Abs(residual.Y) < 3.1e-7, $"residual roll/pitch rate {residual}"); // measured 2.09e-7 rad/s; bound 3.1e-7 rad/s
        Assert.True(Math.Abs(residual.Z) < 0.0148, $"residual yaw rate {residual.Z}"); // measured 0.00989 rad/s; bound 0.0148 rad/s
        Assert.True(proportionalOnly.Plant.BodyRate.Length > 0.9, $"P-only residual {proportionalOnly.Plant.BodyRate}"); // measured 1.33 rad/s; bound 0.9 rad/s
    }

    [Fact]
    public void Integrator_freezes_in_the_saturated_direction_and_unwinds_freely()
    {
        var rate = new RateController(RateControllerParameters.Default);
        var rollUp = new SaturationStatus(1, 0, 0, 0);
        for (int k = 0; k < 400; k++)
        {
            rate.Update(new Vector3(0.5, 0.5, 0), Vector3.Zero, Dt, rollUp);
        }

        // Roll is frozen at zero; pitch (not saturated) integrated 0.2 · 0.5 rad/s · 1 s, less the large-error factor.
        double factor = 1 - Math.Pow(0.5 / (400 * Math.PI / 180), 2);
        Assert.Equal(0.0, rate.Integral.X, 12);
        Assert.Equal(0.1 * factor, rate.Integral.Y, 9);

        // Saturated upward, a negative error still unwinds the roll integrator.
        for (int k = 0; k < 400; k++)
        {
            rate.Update(new Vector3(-0.5, 0, 0), Vector3.Zero, Dt, rollUp);
        }

        Assert.Equal(-0.1 * factor, rate.Integral.X, 9);
    }

    [Fact]
    public void Integrator_is_clamped_to_its_limit()
    {
        var rate = new RateController(RateControllerParameters.Default);
        for (int k = 0; k < 10_000; k++)
        {
            rate.Update(new Vector3(1, -1, 1), Vector3.Zero, Dt, SaturationStatus.None);
        }

        Assert.Equal(0.3, rate.Integral.X, 12);
        Assert.Equal(-0.3, rate.Integral.Y, 12);
        Assert.Equal(0.3, rate.Integral.Z, 12);
    }

    [Fact]
    public void Long_saturation_then_release_overshoots_under_0_3_radps_with_anti_windup_and_over_twice_that_without()
    {
        // A generous integrator (limit 1) makes windup visible: a large yaw-rate demand while roll takes the motors.
        RateControllerParameters p = RateControllerParameters.Default with
        {
            Integral = new Vector3(0.2, 0.2, 1.0),
            IntegratorLimit = new Vector3(1, 1, 1),
        };

        double Run(bool antiWindup)
        {
            var loop = new Loop(p) { IgnoreMixerSaturation = !antiWindup };

            // 2 s in a jig with a yaw demand the rate loop alone would not clip, and a roll demand that fills the motor
            // range: the mixer cuts yaw, and only its saturation report can stop the yaw integrator.
            loop.Plant.Held = true;
            for (int k = 0; k < 800; k++)
            {
                loop.Step(new Vector3(20, 0, 0.8));
            }

            // Released, asked to hold a 1 rad/s yaw rate: measure the worst yaw-rate excursion above it.
            loop.Plant.Held = false;
            double peak = 0;
            for (int k = 0; k < 4000; k++)
            {
                loop.Step(new Vector3(0, 0, 1));
                peak = Math.Max(peak, loop.Plant.BodyRate.Z - 1.0);
            }

            output.WriteLine($"final yaw-rate error {Math.Abs(loop.Plant.BodyRate.Z - 1.0):E3} rad/s");
            Assert.Equal(1.0, loop.Plant.BodyRate.Z, 4.3e-6); // measured 2.8e-6 (with) / 5.1e-7 (without) rad/s; bound 4.3e-6 rad/s
            return peak;
        }

        double withAntiWindup = Run(antiWindup: true);
        double without = Run(antiWindup: false);
        output.WriteLine($"yaw-rate overshoot with anti-windup {withAntiWindup:F4} rad/s, without {without:F4} rad/s");
        Assert.True(withAntiWindup < 0.3, $"overshoot with anti-windup {withAntiWindup:F3} rad/s, without {without:F3}"); // measured 0.255 rad/s; bound 0.3 rad/s
        Assert.True(without > 2 * withAntiWindup, $"without anti-windup {without:F3} rad/s should be clearly worse than {withAntiWindup:F3}"); // measured 2.5x (0.638 rad/s); bound 2x
    }

    [Fact]
    public void D_term_acts_on_measurement_so_a_setpoint_step_gives_no_kick()
    {
        var parameters = RateControllerParameters.Default with { Proportional = Vector3.Zero, Integral = Vector3.Zero };
        var rate = new RateController(parameters);
        rate.Update(Vector3.Zero, Vector3.Zero, Dt, SaturationStatus.None);
        Vector3 torque = rate.Update(new Vector3(5, 5, 5), Vector3.Zero, Dt, SaturationStatus.None);
        Assert.Equal(Vector3.Zero, torque);

        // A measured rate change does produce a damping torque opposing it.
        torque = rate.Update(new Vector3(5, 5, 5), new Vector3(0.1, 0, 0), Dt, SaturationStatus.None);
        Assert.True(torque.X < 0);
    }

    [Fact]
    public void Output_is_limited_to_unit_torque()
    {
        var rate = new RateController(RateControllerParameters.Default);
        Vector3 torque = rate.Update(new Vector3(100, -100, 100), Vector3.Zero, Dt, SaturationStatus.None);
        Assert.Equal(new Vector3(1, -1, 1), torque);
    }

    [Fact]
    public void Invalid_gains_are_rejected_naming_the_field_and_limits()
    {
        var bad = RateControllerParameters.Default with { Proportional = new Vector3(0.15, -1, 0.2) };
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new RateController(bad));
        Assert.Contains("RateControllerParameters.Proportional.Y(pitch) = -1", e.Message, StringComparison.Ordinal);
        Assert.Contains("[0, 5]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rate_loop_and_mixer_allocate_nothing()
    {
        var rate = new RateController(RateControllerParameters.Default);
        var allocator = new ControlAllocator(MultirotorGeometry.QuadX());
        var _motors = new double[4];
        SaturationStatus _status = default;
        double t = 0;
        Allocations.AssertZero(
            () =>
            {
                t += Dt;
                Vector3 torque = rate.Update(new Vector3(Math.Sin(t), 0.3, -0.2), new Vector3(0.1, Math.Cos(t), 0), Dt, _status);
                _status = allocator.Allocate(torque, 0.6, _motors);
            },
            10_000);
    }
}
