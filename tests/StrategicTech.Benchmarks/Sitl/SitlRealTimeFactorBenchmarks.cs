using BenchmarkDotNet.Attributes;
using StrategicTech.Sim.Faults;
using StrategicTech.Drivers.Mavlink.Microservices;
using StrategicTech.Sim.Lockstep;
using StrategicTech.Autopilot.Vehicles;
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
    private SitlVehicle _oneWithMavlink = null!;
    private SitlVehicle[] _ten = null!;
    private MultirotorSimulation _physics = null!;
    private Scenario _demo = null!;

    [GlobalSetup]
    public void Setup()
    {
        _demo = ScenarioLoader.LoadBuiltIn("demo");
        _one = Airborne(0, mavlink: false);
        _oneWithMavlink = Airborne(0, mavlink: true);
        _ten = [.. Enumerable.Range(0, 10).Select(i => Airborne(i, mavlink: false))];
        ScenarioVehicle spec = _demo.Vehicles[0];
        _physics = new MultirotorSimulation(spec.Airframe with { Battery = null },
            new SimulationEnvironment(spec.Home, 0, _demo.World.Wind, _demo.World.MagneticField, 1), FaultSchedule.Empty);
        _physics.ResetState(new(0, 0, -10_000), default, StrategicTech.Navigation.Numerics.Quaternion.Identity, default, 600);
        _physics.SetMotorCommands([0.55, 0.55, 0.55, 0.55]);

        // In-process runs share one JIT: give tiered compilation time to finish (it runs in the background and lags
        // on a loaded machine), or whichever benchmark runs first measures partly unoptimised code.
        for (int round = 0; round < 5; round++)
        {
            Thread.Sleep(300);
            _one.StepFor(2_000_000);
            _oneWithMavlink.StepFor(2_000_000);
        }
    }

    [Benchmark(Description = "1 quad, 1 simulated second (1000 ticks)")]
    public void OneQuadOneSecond()
    {
        for (int i = 0; i < 1000; i++)
        {
            _one.Step();
        }
    }

    [Benchmark(Description = "1 quad + MAVLink endpoint and tlog (in memory), 1 simulated second")]
    public void OneQuadWithMavlinkOneSecond()
    {
        for (int i = 0; i < 1000; i++)
        {
            _oneWithMavlink.Step();
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

    private SitlVehicle Airborne(int index, bool mavlink)
    {
        ScenarioVehicle spec = _demo.Vehicles[0];
        var environment = new SimulationEnvironment(spec.Home, 0, _demo.World.Wind, _demo.World.MagneticField, 1 + (ulong)index);
        var v = new SitlVehicle(spec.Airframe with { Battery = null }, environment, sensorSeed: 100 + (ulong)index);
        if (mavlink)
        {
            // Telemetry encoded at its stream rates and logged to a tlog in memory; nobody listening.
            VehicleMavlinkLink.AttachInMemory(v.Vehicle, Discard.Instance, new VehicleMavlinkLinkOptions { TlogStream = Stream.Null });
        }

        v.StepUntil(x => x.ReadyToArm, 30_000_000);
        v.Commands.Takeoff(10);
        v.StepFor(20_000_000);
        return v;
    }

    private sealed class Discard : IMavlinkFrameSink
    {
        public static Discard Instance { get; } = new();

        public bool Send(ReadOnlySpan<byte> frame) => true;
    }
}
