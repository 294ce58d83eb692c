using StrategicTech.Navigation.Numerics;
using StrategicTech.Sim.Physics;
using static StrategicTech.Sim.Tests.Physics.PhysicsFixtures;

namespace StrategicTech.Sim.Tests.Physics;

// Tolerances given in decimals in this class are rounding epsilons on exact identities (closed-form yaw spin-up,
// symmetry, energy, unit norm; measured ≤ 4e-15); the measured figures sit beside the other bounds.
public sealed class RotationalDynamicsTests
{
    [Theory]
    [InlineData("quad_x")]
    [InlineData("hex_x")]
    public void Faster_counter_clockwise_rotors_yaw_right_at_the_rate_izz_predicts(string name)
    {
        AirframeDefinition airframe = AirframeLoader.LoadBuiltIn(name) with { AngularDragNmsPerRad = Vector3.Zero, Battery = null };
        int n = airframe.Motors.Count;
        Span<double> speeds = stackalloc double[n];
        Span<double> commands = stackalloc double[n];
        double expectedTorqueNm = 0;
        for (int i = 0; i < n; i++)
        {
            speeds[i] = airframe.Motors[i].Spin == SpinDirection.CounterClockwise ? 800 : 600;
            commands[i] = speeds[i] / airframe.MaxMotorSpeedRadPerS;
            expectedTorqueNm -= (int)airframe.Motors[i].Spin * airframe.TorqueCoefficientNmPerRadPerS2 * speeds[i] * speeds[i];
        }

        var sim = new MultirotorSimulation(airframe, Calm);
        sim.ResetState(new Vector3(0, 0, -500), Vector3.Zero, Quaternion.Identity, Vector3.Zero, speeds);
        sim.SetMotorCommands(commands);
        Run(sim, 0.5);

        Assert.True(expectedTorqueNm > 0);
        double expectedRate = expectedTorqueNm / airframe.InertiaKgM2.M33 * 0.5;
        Assert.Equal(expectedRate, sim.Truth.BodyRatesFrdRadPerS.Z, 9);
        Assert.Equal(0, sim.Truth.BodyRatesFrdRadPerS.X, 9);
        Assert.Equal(0, sim.Truth.BodyRatesFrdRadPerS.Y, 9);
        // Yaw right = clockwise from above = positive yaw angle.
        Assert.Equal(0.5 * expectedRate * 0.5, sim.Truth.Attitude.ToEuler().Z, 9);
    }

    [Fact]
    public void Faster_left_rotors_roll_right_and_faster_front_rotors_pitch_up()
    {
        AirframeDefinition airframe = DragFreeQuad;
        double hover = HoverSpeedRadPerS(airframe, Calm.GravityMps2);

        MultirotorSimulation roll = InAir(airframe, 500, hover);
        MultirotorSimulation pitch = InAir(airframe, 500, hover);
        Span<double> rollCommand = stackalloc double[4];
        Span<double> pitchCommand = stackalloc double[4];
        for (int i = 0; i < 4; i++)
        {
            Vector3 r = airframe.Motors[i].PositionFrdM;
            rollCommand[i] = (hover + (r.Y < 0 ? 50 : -50)) / airframe.MaxMotorSpeedRadPerS;
            pitchCommand[i] = (hover + (r.X > 0 ? 50 : -50)) / airframe.MaxMotorSpeedRadPerS;
        }

        roll.SetMotorCommands(rollCommand);
        pitch.SetMotorCommands(pitchCommand);
        Run(roll, 0.2);
        Run(pitch, 0.2);

        // measured 2.104 rad/s for both; bounds measured / 1.5
        Assert.True(roll.Truth.BodyRatesFrdRadPerS.X > 1.40, $"roll rate {roll.Truth.BodyRatesFrdRadPerS}");
        Assert.Equal(0, roll.Truth.BodyRatesFrdRadPerS.Y, 6);
        Assert.True(pitch.Truth.BodyRatesFrdRadPerS.Y > 1.40, $"pitch rate {pitch.Truth.BodyRatesFrdRadPerS}");
        Assert.Equal(0, pitch.Truth.BodyRatesFrdRadPerS.X, 6);
        // Rolled right, the thrust pulls the vehicle east.
        Run(roll, 0.5);
        Assert.True(roll.Truth.VelocityNedMps.Y > 2.32, $"velocity {roll.Truth.VelocityNedMps}"); // measured 3.484 m/s; bound measured / 1.5
    }

    [Fact]
    public void Torque_free_tumbling_conserves_angular_momentum_and_energy()
    {
        var inertia = Matrix3.Diagonal(0.02, 0.03, 0.05);
        AirframeDefinition airframe = DragFreeQuad with { InertiaKgM2 = inertia };
        var sim = new MultirotorSimulation(airframe, Calm);
        var initialRates = new Vector3(1.0, 0.5, 2.0);
        Quaternion initialAttitude = Quaternion.FromEuler(0.3, -0.2, 1.0);
        sim.ResetState(new Vector3(0, 0, -5000), Vector3.Zero, initialAttitude, initialRates, 0);
        Vector3 momentumNed0 = initialAttitude.Rotate(inertia * initialRates);
        double energy0 = 0.5 * Vector3.Dot(initialRates, inertia * initialRates);

        Run(sim, 10);

        Vector3 w = sim.Truth.BodyRatesFrdRadPerS;
        Vector3 momentumNed = sim.Truth.Attitude.Rotate(inertia * w);
        double energy = 0.5 * Vector3.Dot(w, inertia * w);
        // measured a relative drift of 1.99e-13; bound 3e-13
        Assert.True((momentumNed - momentumNed0).Length < 3e-13 * momentumNed0.Length, $"L drifted {momentumNed0} → {momentumNed}");
        Assert.Equal(energy0, energy, 9);
        Assert.Equal(1.0, sim.Truth.Attitude.Norm, 12);
    }
}
