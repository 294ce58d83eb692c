using StrategicTech.Autopilot.Control;
using StrategicTech.Autopilot.Tests.Control.Models;
using StrategicTech.Navigation.Numerics;
using StrategicTech.TestSupport;

namespace StrategicTech.Autopilot.Tests.Control;

/// <summary>Position and velocity loops with the thrust mapping on a point mass (attitude loop as a 100 ms lag), 100 Hz.</summary>
public class OuterLoopTests
{
    private const double Dt = 0.01;

    private sealed class Loop(VelocityControllerParameters velocity, double trueHoverThrust = 0.5)
    {
        public PositionController Position { get; } = new(PositionControllerParameters.Default);

        public VelocityController Velocity { get; } = new(velocity);

        public ThrustAttitudeMapper Mapper { get; } = new(ThrustAttitudeParameters.Default);

        public PointMassModel Plant { get; } = new(trueHoverThrust);

        public Vector3 LastVelocitySetpoint { get; private set; }

        public void StepVelocity(Vector3 velocitySetpoint)
        {
            LastVelocitySetpoint = velocitySetpoint;
            Vector3 acceleration = Velocity.Update(velocitySetpoint, Plant.Velocity, Vector3.Zero, Dt);
            Plant.Step(Mapper.Compute(acceleration, 0).ThrustNed, Dt);
        }

        public void StepPosition(Vector3 positionSetpoint) =>
            StepVelocity(Position.Update(positionSetpoint, Plant.Position, Vector3.Zero));
    }

    [Fact]
    public void Horizontal_velocity_step_settles_without_overshoot_beyond_ten_percent()
    {
        var loop = new Loop(VelocityControllerParameters.Default);
        var metrics = new StepMetrics(0, 2, 0.05);
        var coarse = new StepMetrics(0, 2, 0.10);
        for (int k = 1; k <= 1000; k++)
        {
            loop.StepVelocity(new Vector3(2, 0, 0));
            metrics.Add(k * Dt, loop.Plant.Velocity.X);
            coarse.Add(k * Dt, loop.Plant.Velocity.X);
        }

        // The PI zero leaves a slow tail: within 10 % quickly, within 5 % once the integrator has unwound.
        Assert.True(metrics.Overshoot < 0.10, $"overshoot {metrics.Overshoot:P1}"); // measured 6.4 %; bound 10 %
        Assert.True(coarse.SettlingTimeS < 1.0, $"settled within 10 % after {coarse.SettlingTimeS:F2} s"); // measured 0.71 s; bound 1.0 s
        Assert.True(metrics.SettlingTimeS < 3.0, $"settled within 5 % after {metrics.SettlingTimeS:F2} s"); // measured 2.98 s; bound 3.0 s
        Assert.Equal(2, loop.Plant.Velocity.X, 0.018); // measured 2.012 m/s; bound ± 0.018 m/s
    }

    [Fact]
    public void Wrong_hover_thrust_is_absorbed_by_the_vertical_integrator()
    {
        // The vehicle really needs 0.58 to hover; the controller believes 0.5.
        var loop = new Loop(VelocityControllerParameters.Default, trueHoverThrust: 0.58);
        for (int k = 0; k < 1000; k++)
        {
            loop.StepVelocity(new Vector3(0, 0, -1));
        }

        Assert.Equal(-1, loop.Plant.Velocity.Z, 0.0013); // measured −0.99915 m/s; bound ± 0.0013 m/s

        // The integrator holds the missing specific force: g·(1 − 0.5/0.58) m/s² upward, in controller units.
        Assert.Equal(-ThrustAttitudeMapper.GravityMps2 * (0.58 / 0.5 - 1), loop.Velocity.IntegralMps2.Z, 0.0043); // measured −1.5662 for −1.5691; bound ± 0.0043
    }

    [Fact]
    public void Constant_wind_is_rejected_with_the_integrator_and_not_without()
    {
        var withIntegrator = new Loop(VelocityControllerParameters.Default);
        var proportionalOnly = new Loop(VelocityControllerParameters.Default with { HorizontalIntegralPerS2 = 0 });
        var wind = new Vector3(0, 1.5, 0);
        withIntegrator.Plant.DisturbanceMps2 = wind;
        proportionalOnly.Plant.DisturbanceMps2 = wind;
        for (int k = 0; k < 1000; k++)
        {
            withIntegrator.StepVelocity(Vector3.Zero);
            proportionalOnly.StepVelocity(Vector3.Zero);
        }

        // Integrator time constant Kp/Ki ≈ 3.75 s: after 10 s the error is down from 0.5 m/s to a few cm/s, after 30 s gone.
        Assert.True(Math.Abs(withIntegrator.Plant.Velocity.Y) < 0.046, $"residual after 10 s {withIntegrator.Plant.Velocity.Y:F4} m/s"); // measured 0.0307 m/s; bound 0.046 m/s
        for (int k = 0; k < 2000; k++)
        {
            withIntegrator.StepVelocity(Vector3.Zero);
            proportionalOnly.StepVelocity(Vector3.Zero);
        }

        Assert.True(Math.Abs(withIntegrator.Plant.Velocity.Y) < 1.1e-4, $"residual after 30 s {withIntegrator.Plant.Velocity.Y:E2} m/s"); // measured 7.2e-5 m/s; bound 1.1e-4 m/s
        Assert.Equal(1.5 / 3.0, proportionalOnly.Plant.Velocity.Y, 1e-9); // measured 8e-16 off (≈ 0: the exact P-only steady state); bound 1e-9 for rounding
    }

    [Fact]
    public void Position_step_reaches_the_target_without_overshoot()
    {
        var loop = new Loop(VelocityControllerParameters.Default);
        var metrics = new StepMetrics(0, 10, 0.02);
        double maxSpeed = 0;
        for (int k = 1; k <= 2000; k++)
        {
            loop.StepPosition(new Vector3(10, 0, 0));
            metrics.Add(k * Dt, loop.Plant.Position.X);
            maxSpeed = Math.Max(maxSpeed, loop.Plant.Velocity.Length);
        }

        Assert.Equal(0, metrics.Overshoot); // measured exactly 0: the approach stays below the target
        Assert.True(metrics.SettlingTimeS < 8, $"settled within 2 % after {metrics.SettlingTimeS:F2} s"); // measured 7.54 s; bound 8 s
        Assert.Equal(10, loop.Plant.Position.X, 0.012); // measured 9.9919 m; bound ± 0.012 m
        Assert.True(maxSpeed < 8.9, $"speed {maxSpeed:F2} m/s"); // measured 5.93 m/s (the 12 m/s limit is not reached on a 10 m step); bound 8.9 m/s
    }

    [Theory]
    [InlineData(-20.0, 3.0)]
    [InlineData(20.0, 1.5)]
    public void Climb_and_descent_speeds_respect_their_separate_limits(double downStepM, double limitMps)
    {
        var loop = new Loop(VelocityControllerParameters.Default);
        double worst = 0;
        for (int k = 0; k < 3000; k++)
        {
            loop.StepPosition(new Vector3(0, 0, downStepM));
            worst = Math.Max(worst, Math.Abs(loop.LastVelocitySetpoint.Z));
            Assert.True(Math.Abs(loop.Plant.Velocity.Z) < limitMps * 1.1, $"vertical speed {loop.Plant.Velocity.Z:F2} m/s"); // measured peak 1.032× (up) and 1.047× (down) the limit; bound 1.1×
        }

        Assert.Equal(limitMps, worst, 12);
        Assert.Equal(downStepM, loop.Plant.Position.Z, 2.2e-4); // measured 1.4e-5 m (climb), 1.4e-4 m (descent) off; bound 2.2e-4 m
    }

    [Fact]
    public void Horizontal_speed_limit_keeps_the_direction()
    {
        var position = new PositionController(PositionControllerParameters.Default);
        Vector3 v = position.Update(new Vector3(300, 400, 0), Vector3.Zero, Vector3.Zero);
        Assert.Equal(12, VectorLimits.HorizontalLength(v), 12);
        Assert.Equal(4.0 / 3.0, v.Y / v.X, 12);
    }

    [Fact]
    public void Held_vehicle_released_overshoots_under_6_5_percent()
    {
        var loop = new Loop(VelocityControllerParameters.Default);
        loop.Plant.Held = true;
        for (int k = 0; k < 1000; k++)
        {
            loop.StepVelocity(new Vector3(3, 0, 0));
        }

        // Output saturated the whole time: the horizontal integrator did not charge.
        Assert.True(loop.Velocity.IsSaturated);
        Assert.Equal(0, loop.Velocity.IntegralMps2.X, 9);

        loop.Plant.Held = false;
        var metrics = new StepMetrics(0, 3, 0.05);
        for (int k = 1; k <= 1000; k++)
        {
            loop.StepVelocity(new Vector3(3, 0, 0));
            metrics.Add(k * Dt, loop.Plant.Velocity.X);
        }

        Assert.True(metrics.Overshoot < 0.065, $"overshoot after release {metrics.Overshoot:P1}"); // measured 4.3 %; bound 6.5 %
    }

    [Fact]
    public void Invalid_speed_limit_is_rejected_naming_the_field()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(
            () => new PositionController(PositionControllerParameters.Default with { MaxDownSpeedMps = 0 }));
        Assert.Contains("PositionControllerParameters.MaxDownSpeedMps = 0 is outside [0.1, 20]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Outer_loops_allocate_nothing()
    {
        var position = new PositionController(PositionControllerParameters.Default);
        var velocity = new VelocityController(VelocityControllerParameters.Default);
        var mapper = new ThrustAttitudeMapper(ThrustAttitudeParameters.Default);
        Vector3 p = new(1, 2, -3), v = new(0.5, 0, 0.1);
        Allocations.AssertZero(
            () =>
            {
                Vector3 vsp = position.Update(new Vector3(10, 0, -5), p, Vector3.Zero);
                Vector3 a = velocity.Update(vsp, v, Vector3.Zero, Dt);
                mapper.Compute(a, 0.3);
            },
            10_000);
    }
}
