using StrategicTech.Navigation.Numerics;
using StrategicTech.Sim.Physics;
using static StrategicTech.Sim.Tests.Physics.PhysicsFixtures;

namespace StrategicTech.Sim.Tests.Physics;

// Tolerances given in decimals in this class are rounding epsilons on exact identities (resting at rest, level).
public sealed class GroundContactTests
{
    [Fact]
    public void A_new_vehicle_rests_on_the_ground_at_home()
    {
        MultirotorSimulation sim = Create(Quad);
        Run(sim, 5);

        ref readonly VehicleTruth t = ref sim.Truth;
        Assert.True(t.Landed);
        Assert.False(t.Crashed);
        Assert.Equal(0, t.PositionNedM.Z);
        Assert.Equal(Vector3.Zero, t.VelocityNedMps);
        Assert.Equal(-sim.GravityMps2, t.SpecificForceFrdMps2.Z, 9);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-35.0)]
    public void A_gentle_drop_lands_and_rests_without_bouncing_sinking_or_sliding(double groundDownM)
    {
        SimulationEnvironment environment = Calm with { GroundDownM = groundDownM };
        MultirotorSimulation sim = Create(Quad, environment);
        sim.ResetState(new Vector3(3, 4, groundDownM - 0.25), new Vector3(1.0, -0.5, 0.5), Quaternion.FromEuler(0.1, 0.05, 0.7), new Vector3(0.2, 0.1, 0.3), 0);

        double maxHeightAfterContact = double.NegativeInfinity;
        bool touched = false;
        for (int i = 0; i < 5000; i++)
        {
            sim.Step();
            AssertFinite(in sim.Truth);
            touched |= sim.Truth.Landed;
            if (touched)
            {
                maxHeightAfterContact = Math.Max(maxHeightAfterContact, sim.Truth.HeightAboveGroundM);
            }
        }

        ref readonly VehicleTruth t = ref sim.Truth;
        Assert.True(t.Landed);
        Assert.False(t.Crashed);
        Assert.Equal(groundDownM, t.PositionNedM.Z);
        Assert.Equal(0, maxHeightAfterContact);
        Assert.Equal(Vector3.Zero, t.VelocityNedMps);
        Vector3 euler = t.Attitude.ToEuler();
        Assert.Equal(0, euler.X, 12);
        Assert.Equal(0, euler.Y, 12);
        // Friction: the position where it touched down is where it stays.
        Vector3 restingAt = t.PositionNedM;
        Run(sim, 2);
        Assert.Equal(restingAt, sim.Truth.PositionNedM);
    }

    [Fact]
    public void A_fast_impact_is_a_crash_and_the_motors_stop()
    {
        MultirotorSimulation sim = InAir(Quad, 5, 500);
        SetAllCommands(sim, 0.4);
        Run(sim, 3);

        Assert.True(sim.Truth.Crashed);
        Assert.True(sim.Truth.Landed);
        Assert.Equal(0, sim.Truth.PositionNedM.Z);
        Assert.Equal(0.0, sim.Truth.MotorSpeedsRadPerS[0]); // measured exactly 0 rad/s: a crash cuts the motors
    }

    [Fact]
    public void Thrust_above_weight_lifts_off_and_clears_the_landed_flag()
    {
        MultirotorSimulation sim = Create(Quad);
        SetAllCommands(sim, 0.3);
        Run(sim, 1);
        Assert.True(sim.Truth.Landed);

        SetAllCommands(sim, 0.85);
        Run(sim, 1);

        Assert.False(sim.Truth.Landed);
        Assert.True(sim.Truth.HeightAboveGroundM > 1.43, $"height {sim.Truth.HeightAboveGroundM}"); // measured 2.155 m; bound measured / 1.5
        Assert.True(sim.Truth.VelocityNedMps.Z < -2.86, $"climb {sim.Truth.VelocityNedMps.Z}"); // measured −4.29 m/s; bound measured / 1.5
    }
}
