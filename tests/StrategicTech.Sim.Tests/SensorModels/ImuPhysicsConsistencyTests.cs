using StrategicTech.Navigation.Numerics;
using StrategicTech.Sim.Physics;
using StrategicTech.Sim.SensorModels;
using StrategicTech.Sim.SensorModels.Samples;

namespace StrategicTech.Sim.Tests.SensorModels;

/// <summary>Strapdown integration of an ideal IMU reproduces the physics: the sign and frame of specific force are right.</summary>
public sealed class ImuPhysicsConsistencyTests
{
    [Fact]
    public void Integrating_ideal_imu_increments_recovers_velocity_and_attitude_of_a_manoeuvring_flight()
    {
        AirframeDefinition airframe = AirframeLoader.LoadBuiltIn("quad_x");
        SimulationEnvironment windy = SimulationEnvironment.Default with { Wind = WindParameters.Calm with { SteadyNedMps = new Vector3(2, -3, 0) } };
        var sim = new MultirotorSimulation(airframe, windy);
        sim.ResetState(new Vector3(0, 0, -50), new Vector3(1, 0, 0), Quaternion.FromEuler(0.1, 0, 0.3), Vector3.Zero, 700);
        var imu = new ImuModel(ImuParameters.Ideal, 1);
        imu.Update(in sim.Truth, out _);

        Vector3 velocity = sim.Truth.VelocityNedMps;
        Quaternion attitude = sim.Truth.Attitude;
        var gravity = new Vector3(0, 0, sim.GravityMps2);
        for (int i = 0; i < 2000; i++)
        {
            // Unequal commands: the vehicle rolls, pitches, yaws and climbs.
            sim.SetMotorCommands([0.70 + (0.05 * Math.Sin(i * 0.004)), 0.68, 0.66 + (0.04 * Math.Cos(i * 0.003)), 0.69]);
            sim.Step();
            Assert.True(imu.Update(in sim.Truth, out ImuSample s));
            attitude = (attitude * Quaternion.FromRotationVector(s.DeltaAngleFrdRad)).Normalized();
            velocity += attitude.Rotate(s.DeltaVelocityFrdMps) + (gravity * s.DtS);
        }

        // measured 2.067 rad turned; bound measured / 1.5
        Assert.True(Quaternion.AngleBetween(sim.Truth.Attitude, Quaternion.FromEuler(0.1, 0, 0.3)) > 1.37, "the flight should manoeuvre");
        // measured 1.08e-14 m/s and 1.00e-14 rad after 2000 steps (rounding only); bounds 1.5 × those
        Assert.True((velocity - sim.Truth.VelocityNedMps).Length < 1.6e-14, $"strapdown {velocity} vs truth {sim.Truth.VelocityNedMps}");
        Assert.True(Quaternion.AngleBetween(attitude, sim.Truth.Attitude) < 1.5e-14, "strapdown attitude drifted from truth");
    }
}
