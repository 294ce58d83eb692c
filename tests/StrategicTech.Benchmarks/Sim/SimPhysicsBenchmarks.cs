using BenchmarkDotNet.Attributes;
using StrategicTech.Navigation.Numerics;
using StrategicTech.Sim.Faults;
using StrategicTech.Sim.Physics;
using StrategicTech.Sim.SensorModels;

namespace StrategicTech.Benchmarks.Sim;

/// <summary>
/// Cost of one 1 kHz SITL world step: quad (and hex) RK4 physics with gusty turbulent wind, battery and a fault
/// schedule; and the same plus every sensor model (IMU at 1 kHz, GNSS 10 Hz, baro 50 Hz, mag 100 Hz, range 20 Hz).
/// </summary>
[MemoryDiagnoser]
public class SimPhysicsBenchmarks
{
    private MultirotorSimulation _quad = null!;
    private MultirotorSimulation _hex = null!;
    private MultirotorSimulation _quadWithSensors = null!;
    private SensorSuite _sensors = null!;

    [GlobalSetup]
    public void Setup()
    {
        var faults = new FaultSchedule([Fault.MagInterference(1_000_000, 1_000_000, new Vector3(0.1, 0, 0)), Fault.GnssLoss(5_000_000, 1_000_000)]);
        SimulationEnvironment environment = SimulationEnvironment.Default with
        {
            Wind = new WindParameters(new Vector3(-5, 3, 0), new Vector3(1, 1, 0.3), 2, 3, 4, 2),
        };
        _quad = Hovering("quad_x", environment, faults);
        _hex = Hovering("hex_x", environment, faults);
        _quadWithSensors = Hovering("quad_x", environment, faults);
        _sensors = new SensorSuite(SensorSuiteParameters.Default, _quadWithSensors.HomeFrame, faults, 1);
    }

    [Benchmark(Description = "quad physics step (1 kHz RK4)")]
    public void QuadPhysicsStep() => Step(_quad);

    [Benchmark(Description = "hex physics step (1 kHz RK4)")]
    public void HexPhysicsStep() => Step(_hex);

    [Benchmark(Description = "quad physics + all sensors step")]
    public SensorUpdates QuadPhysicsAndSensorsStep()
    {
        Step(_quadWithSensors);
        return _sensors.Update(in _quadWithSensors.Truth);
    }

    private static MultirotorSimulation Hovering(string name, SimulationEnvironment environment, FaultSchedule faults)
    {
        AirframeDefinition airframe = AirframeLoader.LoadBuiltIn(name);
        var sim = new MultirotorSimulation(airframe, environment, faults);
        double g = environment.GravityMps2;
        double hoverSpeed = Math.Sqrt(airframe.MassKg * g / (airframe.Motors.Count * airframe.ThrustCoefficientNPerRadPerS2));
        sim.ResetState(new Vector3(0, 0, -5000), Vector3.Zero, Quaternion.Identity, Vector3.Zero, hoverSpeed);
        Span<double> commands = stackalloc double[airframe.Motors.Count];
        commands.Fill(airframe.HoverCommand(g, 0.97));
        sim.SetMotorCommands(commands);
        return sim;
    }

    private static void Step(MultirotorSimulation sim)
    {
        sim.Step();
        if (sim.Truth.Landed)
        {
            // Keep the benchmark measuring flight, not resting on the ground, however long it runs.
            sim.ResetState(new Vector3(0, 0, -5000), Vector3.Zero, Quaternion.Identity, Vector3.Zero, 700);
        }
    }
}
