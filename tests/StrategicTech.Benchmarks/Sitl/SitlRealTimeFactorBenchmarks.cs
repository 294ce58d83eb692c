using BenchmarkDotNet.Attributes;
using StrategicTech.Sim.Faults;
using StrategicTech.Sim.Lockstep;
using StrategicTech.Sim.Physics;
using StrategicTech.Sim.Scenarios;

namespace StrategicTech.Benchmarks.Sitl;

/// <summary>
/// Real-time factor of the scenario runner's work: one simulated second (1000 lockstep ticks: physics RK4 1 kHz,
/// sensors, EKF, attitude/rate 500 Hz, position and modes 50 Hz) of quads holding position at 10 m in the demo world
/// (8 m/s wind, turbulence, gusts). Real-time factor = 1 s / mean. Ideal battery, so long runs never drain it.
/// Also: the physics step alone in that wind, and the whole bundled demo scenario end to end (construction, EKF
/// alignment, arming settle, survey mission, RTL, landing; no files written).
/// </summary>
[MemoryDiagnoser]
public class SitlRealTimeFactorBenchmarks
{
    private SitlVehicle _one = null!;
    private SitlVehicle[] _ten = null!;
    private MultirotorSimulation _physics = null!;
    private Scenario _demo = null!;

    [GlobalSetup]
    public void Setup()
    {
        _demo = ScenarioLoader.LoadBuiltIn("demo");
        _one = Airborne(0);
        _ten = [.. Enumerable.Range(0, 10).Select(Airborne)];
        ScenarioVehicle spec = _demo.Vehicles[0];
        _physics = new MultirotorSimulation(spec.Airframe with { Battery = null },
            new SimulationEnvironment(spec.Home, 0, _demo.World.Wind, _demo.World.MagneticField, 1), FaultSchedule.Empty);
        _physics.ResetState(new(0, 0, -10_000), default, StrategicTech.Navigation.Numerics.Quaternion.Identity, default, 600);
        _physics.SetMotorCommands([0.55, 0.55, 0.55, 0.55]);
    }

    [Benchmark(Description = "1 quad, 1 simulated second (1000 ticks)")]
    public void OneQuadOneSecond()
    {
        for (int i = 0; i < 1000; i++)
        {
            _one.Step();
        }
    }

    [Benchmark(Description = "10 quads, 1 simulated second (10 x 1000 ticks)")]
    public void TenQuadsOneSecond()
    {
        for (int i = 0; i < 1000; i++)
        {
            foreach (SitlVehicle v in _ten)
            {
                v.Step();
            }
        }
    }

    [Benchmark(Description = "physics step alone (RK4, wind), 1 ms")]
    public void PhysicsStep() => _physics.Step();

    [Benchmark(Description = "demo scenario end to end (ScenarioRunner.Run)")]
    public double DemoScenario() => ScenarioRunner.Run(_demo).SimulatedS;

    private SitlVehicle Airborne(int index)
    {
        ScenarioVehicle spec = _demo.Vehicles[0];
        var environment = new SimulationEnvironment(spec.Home, 0, _demo.World.Wind, _demo.World.MagneticField, 1 + (ulong)index);
        var v = new SitlVehicle(spec.Airframe with { Battery = null }, environment, sensorSeed: 100 + (ulong)index);
        v.StepUntil(x => x.ReadyToArm, 30_000_000);
        v.Commands.Takeoff(10);
        v.StepFor(20_000_000);
        return v;
    }
}
