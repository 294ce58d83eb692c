using StrategicTech.Navigation.Numerics;
using StrategicTech.Sim.Physics;
using static StrategicTech.Sim.Tests.Physics.PhysicsFixtures;

namespace StrategicTech.Sim.Tests.Physics;

// Tolerances in this class are rounding epsilons on exact identities (drag-free free fall, the analytic hover
// balance, the exactly integrated motor lag, clamping): measured errors are 0 to 2e-12.
public sealed class FreeFallAndHoverTests
{
    [Theory]
    [InlineData(0.5)]
    [InlineData(2.0)]
    [InlineData(5.0)]
    public void Free_fall_matches_half_g_t_squared(double seconds)
    {
        MultirotorSimulation sim = InAir(DragFreeQuad, 1000, 0);
        double g = sim.GravityMps2;

        Run(sim, seconds);

        ref readonly VehicleTruth t = ref sim.Truth;
        Assert.Equal(-1000 + (0.5 * g * seconds * seconds), t.PositionNedM.Z, 9);
        Assert.Equal(g * seconds, t.VelocityNedMps.Z, 10);
        Assert.Equal(0, t.PositionNedM.X, 12);
        Assert.Equal(g, t.AccelerationNedMps2.Z, 6);
        // Falling freely, an accelerometer feels nothing.
        Assert.True(t.SpecificForceFrdMps2.Length < 1e-6, $"specific force {t.SpecificForceFrdMps2}");
        Assert.False(t.Landed);
    }

    [Theory]
    [InlineData("quad_x")]
    [InlineData("hex_x")]
    public void Analytic_hover_command_holds_position_for_ten_seconds(string name)
    {
        AirframeDefinition airframe = AirframeLoader.LoadBuiltIn(name) with { Battery = null };
        double g = Calm.GravityMps2;
        MultirotorSimulation sim = InAir(airframe, 20, HoverSpeedRadPerS(airframe, g));
        SetAllCommands(sim, airframe.HoverCommand(g));

        Run(sim, 10);

        ref readonly VehicleTruth t = ref sim.Truth;
        Assert.True((t.PositionNedM - new Vector3(0, 0, -20)).Length < 1e-3, $"drifted to {t.PositionNedM}");
        Assert.True(t.VelocityNedMps.Length < 1e-4, $"velocity {t.VelocityNedMps}");
        Assert.True(Quaternion.AngleBetween(t.Attitude, Quaternion.Identity) < 1e-6);
        // Hovering, the accelerometer reads one g upward along body −Z.
        Assert.Equal(-g, t.SpecificForceFrdMps2.Z, 6);
        Assert.Equal(10_000_000, t.TimeUs);
    }

    [Fact]
    public void Hover_command_of_the_built_in_airframes_is_0_659_for_the_quad_and_0_695_for_the_hex()
    {
        double g = Calm.GravityMps2;
        // measured 0.65893 and 0.69457 (from each airframe's mass, thrust constant and top speed); to 4 decimals
        Assert.Equal(0.6589, Quad.HoverCommand(g), 4);
        Assert.Equal(0.6946, Hex.HoverCommand(g), 4);
    }

    [Fact]
    public void Motor_speed_follows_a_first_order_lag()
    {
        AirframeDefinition airframe = DragFreeQuad;
        MultirotorSimulation sim = InAir(airframe, 500, 0);
        SetAllCommands(sim, 1.0);

        Run(sim, airframe.MotorTimeConstantS);

        double expected = airframe.MaxMotorSpeedRadPerS * (1 - Math.Exp(-1));
        // The lag is integrated exactly, so only rounding separates it from the closed form.
        Assert.Equal(expected, sim.Truth.MotorSpeedsRadPerS[0], 9);
    }

    [Fact]
    public void Commands_are_clamped_and_non_finite_ones_counted()
    {
        MultirotorSimulation sim = InAir(DragFreeQuad, 500, 0);
        sim.SetMotorCommands([double.NaN, 2.0, -1.0, double.PositiveInfinity]);
        Run(sim, 1);

        Assert.Equal(2, sim.InvalidCommandCount);
        Assert.Equal(0, sim.Truth.MotorSpeedsRadPerS[0], 9);
        Assert.Equal(DragFreeQuad.MaxMotorSpeedRadPerS, sim.Truth.MotorSpeedsRadPerS[1], 6);
        Assert.Equal(0, sim.Truth.MotorSpeedsRadPerS[2], 9);
        AssertFinite(in sim.Truth);
    }
}
