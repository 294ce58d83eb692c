using BenchmarkDotNet.Attributes;
using StrategicTech.Drivers.Sensors.Boards;
using StrategicTech.Sim.Hil;
using StrategicTech.Sim.Lockstep;
using StrategicTech.Sim.Physics;
using StrategicTech.Sim.Scenarios;

namespace StrategicTech.Benchmarks.Hil;

/// <summary>
/// Real-time factor of hardware-in-the-loop on simulated buses: one simulated second (1000 lockstep ticks) of the
/// demo quad holding 10 m in the demo world, its autopilot reading the MPU-9250, MS5611, AK09916, VL53L1X and u-blox
/// drivers on their register simulators and writing the PCA9685 (board <c>hardware/boards/rpi4-breakouts.json</c>),
/// beside the same second in plain SITL. Real-time factor = 1 s / mean. Also the demo scenario end to end through
/// the drivers. Ideal battery for the held vehicles, so long runs never drain it.
/// </summary>
[MemoryDiagnoser]
public class HilRealTimeFactorBenchmarks
{
    private SitlVehicle _hil = null!;
    private SitlVehicle _sitl = null!;
    private Scenario _demo = null!;
    private BoardDescription _board = null!;

    [GlobalSetup]
    public void Setup()
    {
        _demo = ScenarioLoader.LoadBuiltIn("demo");
        _board = BoardLoader.Load(FindBoard("rpi4-breakouts.json"));
        _hil = Airborne(SimulatedBusBinding.Factory(_board));
        _sitl = Airborne(null);

        // Let tiered compilation finish before the first measurement (in-process runs share one JIT).
        for (int round = 0; round < 5; round++)
        {
            Thread.Sleep(300);
            _hil.StepFor(2_000_000);
            _sitl.StepFor(2_000_000);
        }
    }

    [Benchmark(Description = "HIL: 1 quad on simulated buses, 1 simulated second (1000 ticks)")]
    public void HilOneSecond()
    {
        for (int i = 0; i < 1000; i++)
        {
            _hil.Step();
        }
    }

    [Benchmark(Baseline = true, Description = "SITL: the same quad on the sensor models, 1 simulated second")]
    public void SitlOneSecond()
    {
        for (int i = 0; i < 1000; i++)
        {
            _sitl.Step();
        }
    }

    [Benchmark(Description = "HIL: demo scenario end to end (ScenarioRunner.Run, drivers on simulated buses)")]
    public double HilDemoScenario() => ScenarioRunner.Run(_demo, new ScenarioRunOptions { Binding = SimulatedBusBinding.Factory(_board) }).SimulatedS;

    private static string FindBoard(string name)
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "hardware", "boards", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("hardware/boards/" + name + " not found above " + AppContext.BaseDirectory);
    }

    private SitlVehicle Airborne(Func<SitlBindingContext, ISitlIoBinding>? binding)
    {
        ScenarioVehicle spec = _demo.Vehicles[0];
        var environment = new SimulationEnvironment(spec.Home, 0, _demo.World.Wind, _demo.World.MagneticField, 1);
        var v = new SitlVehicle(spec.Airframe with { Battery = null }, environment, sensorSeed: 100, binding: binding);
        v.StepUntil(x => x.ReadyToArm, 30_000_000);
        v.Commands.Takeoff(10);
        v.StepFor(20_000_000);
        return v;
    }
}
