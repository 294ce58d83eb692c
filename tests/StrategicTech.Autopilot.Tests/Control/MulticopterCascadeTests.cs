using StrategicTech.Autopilot.Control;
using StrategicTech.Autopilot.Control.Allocation;
using StrategicTech.Autopilot.Parameters;
using StrategicTech.Autopilot.Tests.Control.Models;
using StrategicTech.Navigation.Numerics;
using StrategicTech.TestSupport;

namespace StrategicTech.Autopilot.Tests.Control;

/// <summary>The whole cascade (position 50 Hz, attitude and rate 400 Hz) on the 6-DOF rigid body, quad and hex.</summary>
public class MulticopterCascadeTests
{
    private const double Dt = 0.0025;
    private const int PositionDivider = 8;

    private static (MulticopterCascade Cascade, QuadrotorModel Plant) Create(bool hex, double hoverThrustEstimate = 0.5)
    {
        ParameterStore store = MulticopterControlParameters.CreateStore();
        store.Set("MC_AIRFRAME", hex ? 1 : 0);
        store.Set("MPC_THR_HOVER", hoverThrustEstimate);
        MulticopterCascade cascade = MulticopterControlParameters.CreateCascade(store);
        var plant = new QuadrotorModel(cascade.Allocator.Geometry);
        return (cascade, plant);
    }

    private static double Fly(MulticopterCascade cascade, QuadrotorModel plant, MulticopterSetpoint setpoint, int steps, double[] motors)
    {
        double maxTilt = 0;
        for (int k = 0; k < steps; k++)
        {
            var state = new MulticopterState(plant.Position, plant.Velocity, plant.Attitude, plant.BodyRate);
            if (k % PositionDivider == 0)
            {
                cascade.UpdatePosition(setpoint, state, Dt * PositionDivider);
            }

            cascade.UpdateAttitude(state.AttitudeNed);
            cascade.UpdateRate(state.BodyRateRadps, Dt, motors);
            plant.Step(motors, Dt);
            maxTilt = Math.Max(maxTilt, plant.TiltRad);
        }

        return maxTilt;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Holds_position_against_wind_and_a_wrong_hover_estimate(bool hex)
    {
        (MulticopterCascade cascade, QuadrotorModel plant) = Create(hex, hoverThrustEstimate: 0.42);
        var motors = new double[cascade.Allocator.MotorCount];
        plant.Position = new Vector3(0, 0, -10);
        plant.DisturbanceForceNedN = new Vector3(3.0, -2.0, 0); // ≈ 2 m/s² of steady wind
        MulticopterSetpoint hold = MulticopterSetpoint.Hold(new Vector3(0, 0, -10), 0.5);
        Fly(cascade, plant, hold, 8000, motors);

        Assert.True((plant.Position - hold.PositionNedM).Length < 0.0104, // measured 0.0069 m (quad and hex); bound 0.0104 m
            $"position error {plant.Position - hold.PositionNedM}");
        Assert.Equal(0.5, plant.Attitude.ToEuler().Z, 1.9e-5); // measured 1.28e-5 rad off (quad and hex); bound 1.9e-5 rad
        Assert.All(motors, m => Assert.InRange(m, 0.0, 1.0));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Flies_a_position_step_within_the_tilt_limit(bool hex)
    {
        (MulticopterCascade cascade, QuadrotorModel plant) = Create(hex);
        var motors = new double[cascade.Allocator.MotorCount];
        var target = new Vector3(20, -10, -5);
        double maxTilt = Fly(cascade, plant, MulticopterSetpoint.Hold(target, 1.0), 6000, motors);

        Assert.True((plant.Position - target).Length < 0.038, $"after 15 s at {plant.Position}"); // measured 0.0245 m (quad), 0.0256 m (hex); bound 0.038 m
        Assert.True(maxTilt <= 45.5 * Math.PI / 180, $"max tilt {maxTilt * 180 / Math.PI:F1}°"); // the 45° tilt limit (+ 0.5°); measured 35.7° (quad), 38.7° (hex)
    }

    [Fact]
    public void Full_cascade_step_allocates_nothing()
    {
        (MulticopterCascade cascade, QuadrotorModel plant) = Create(hex: false);
        var motors = new double[4];
        var setpoint = MulticopterSetpoint.Hold(new Vector3(5, 5, -5), 1.0);
        var state = new MulticopterState(new Vector3(0, 1, -2), new Vector3(0.5, 0, 0), Quaternion.FromEuler(0.1, 0, 0.2), new Vector3(0.1, 0, 0));
        Allocations.AssertZero(() => cascade.Update(setpoint, state, Dt, motors), 10_000);
        Assert.NotNull(plant);
    }
}
