using StrategicTech.Navigation.Numerics;
using StrategicTech.Sim.Physics;
using static StrategicTech.Sim.Tests.Physics.PhysicsFixtures;

namespace StrategicTech.Sim.Tests.Physics;

/// <summary>Classical RK4 is fourth order: halving the step divides the global error by about 2⁴ = 16.</summary>
public sealed class Rk4ConvergenceTests
{
    [Fact]
    public void Torque_free_precession_error_falls_sixteen_fold_per_halving()
    {
        // Symmetric body Ix = Iy: ω_xy rotates at Ω = (Iz − Ix)/Ix · ωz, ωz constant.
        const double ix = 0.03, iz = 0.06, wz = 3.0, a = 1.0, seconds = 2.0;
        double omega = (iz - ix) / ix * wz;
        AirframeDefinition airframe = DragFreeQuad with { InertiaKgM2 = Matrix3.Diagonal(ix, ix, iz) };

        double Error(long stepUs)
        {
            var sim = new MultirotorSimulation(airframe, Calm, null, stepUs);
            sim.ResetState(new Vector3(0, 0, -1000), Vector3.Zero, Quaternion.Identity, new Vector3(a, 0, wz), 0);
            Run(sim, seconds);
            var exact = new Vector3(a * Math.Cos(omega * seconds), a * Math.Sin(omega * seconds), wz);
            return (sim.Truth.BodyRatesFrdRadPerS - exact).Length;
        }

        AssertFourthOrder(Error(20_000), Error(10_000), Error(5_000));
    }

    [Fact]
    public void Quadratic_drag_fall_error_falls_sixteen_fold_per_halving()
    {
        // Falling with drag k·v²: v(t) = vt·tanh(g·t/vt), vt = √(m·g/k).
        const double k = 0.5, seconds = 2.0;
        AirframeDefinition airframe = DragFreeQuad with { QuadraticDragNs2PerM2 = new Vector3(0, 0, k) };
        double g = Calm.GravityMps2;
        double vt = Math.Sqrt(airframe.MassKg * g / k);

        double Error(long stepUs)
        {
            MultirotorSimulation sim = InAir(airframe, 1000, 0, stepUs: stepUs);
            Run(sim, seconds);
            return Math.Abs(sim.Truth.VelocityNedMps.Z - (vt * Math.Tanh(g * seconds / vt)));
        }

        AssertFourthOrder(Error(40_000), Error(20_000), Error(10_000));
    }

    [Fact]
    public void Full_coupled_flight_converges_at_fourth_order_against_a_fine_reference()
    {
        // Tilted, spinning, climbing into a crosswind with unequal motors lagging toward new commands: every term of
        // the model at once. The reference uses a step 8× finer than the finest compared one. Quadratic drag is off:
        // v·|v| is not twice differentiable where an air-velocity component crosses zero, which (correctly) costs RK4
        // its order on such a step; the drag fall above covers that term where it is smooth.
        AirframeDefinition airframe = Quad with { Battery = null, QuadraticDragNs2PerM2 = Vector3.Zero };
        SimulationEnvironment windy = Calm with { Wind = WindParameters.Calm with { SteadyNedMps = new Vector3(3, -4, 0) } };

        MultirotorSimulation Fly(long stepUs)
        {
            var sim = new MultirotorSimulation(airframe, windy, null, stepUs);
            sim.ResetState(new Vector3(0, 0, -100), new Vector3(2, 1, -1), Quaternion.FromEuler(0.3, -0.2, 0.5), new Vector3(0.5, -0.3, 0.8), [600, 700, 800, 650]);
            sim.SetMotorCommands([0.8, 0.6, 0.7, 0.75]);
            Run(sim, 0.64);
            return sim;
        }

        MultirotorSimulation reference = Fly(100);
        double Error(long stepUs)
        {
            MultirotorSimulation sim = Fly(stepUs);
            return (sim.Truth.PositionNedM - reference.Truth.PositionNedM).Length
                + (sim.Truth.VelocityNedMps - reference.Truth.VelocityNedMps).Length
                + (sim.Truth.BodyRatesFrdRadPerS - reference.Truth.BodyRatesFrdRadPerS).Length
                + Quaternion.AngleBetween(sim.Truth.Attitude, reference.Truth.Attitude);
        }

        AssertFourthOrder(Error(3_200), Error(1_600), Error(800));
    }

    private static void AssertFourthOrder(double coarse, double medium, double fine)
    {
        // measured finest errors 1.08e-10 .. 2.5e-9 across the callers; bound 7e-11 (smallest / 1.5)
        Assert.True(fine > 7e-11, $"errors too small to measure an order: {coarse}, {medium}, {fine}");
        // measured ratios 15.9991 .. 16.914 (ideal 16 for fourth order); bound 16 ± 1.4 (1.5 × the worst 0.914)
        Assert.True(coarse / medium is > 14.6 and < 17.4 && medium / fine is > 14.6 and < 17.4, $"errors {coarse:E3}, {medium:E3}, {fine:E3}");
        Assert.InRange(coarse / medium, 14.6, 17.4);
        Assert.InRange(medium / fine, 14.6, 17.4);
    }
}
