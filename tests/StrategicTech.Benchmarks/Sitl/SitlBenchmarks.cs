using BenchmarkDotNet.Attributes;
using StrategicTech.Autopilot.Flight;
using StrategicTech.Navigation.Numerics;
using StrategicTech.Sim.Lockstep;
using StrategicTech.Sim.Physics;

namespace StrategicTech.Benchmarks.Sitl;

/// <summary>
/// Real-time factor of one SITL quad in lockstep: one 1 ms tick runs physics, sensors, the EKF (1 kHz), the
/// attitude and rate loops (500 Hz) and the flight modes with the position loop (50 Hz). Real-time factor =
/// 1 ms / mean. The hover case uses an ideal battery so millions of steps never drain it; the whole demo flight
/// (construction, EKF alignment and 10 s arming settle, takeoff, 20 m square, return and land, 68.6 s simulated) is the end-to-end figure.
/// </summary>
[MemoryDiagnoser]
public class SitlBenchmarks
{
    private SitlVehicle _hovering = null!;
    private SitlVehicle _cruising = null!;

    [GlobalSetup]
    public void Setup()
    {
        AirframeDefinition quad = AirframeLoader.LoadBuiltIn("quad_x") with { Battery = null };
        _hovering = TakeOff(quad);
        _cruising = TakeOff(quad);
    }

    [Benchmark(Description = "quad lockstep tick (1 ms, hover)")]
    public void HoverTick() => _hovering.Step();

    [Benchmark(Description = "quad lockstep tick (1 ms, 5 m/s back and forth)")]
    public void CruiseTick()
    {
        _cruising.Step();
        if (_cruising.Navigator.State == AutoState.Hold)
        {
            // Alternate between two points 40 m apart so the vehicle is always manoeuvring.
            double north = _cruising.Navigator.TargetNedM.X > _cruising.Navigator.HomeNedM.X + 20 ? 0 : 40;
            _cruising.Navigator.GoTo(_cruising.Navigator.HomeNedM + new Vector3(north, 0, -10));
        }
    }

    [Benchmark(Description = "demo flight end to end (SquareFlight.Run)")]
    public double DemoFlight() => SquareFlight.Run().SimulatedS;

    private static SitlVehicle TakeOff(AirframeDefinition airframe)
    {
        var v = new SitlVehicle(airframe, SimulationEnvironment.Default);
        v.StepUntil(x => x.ReadyToArm, 30_000_000);
        v.Arm();
        v.Navigator.Takeoff(10);
        v.StepUntil(x => x.Navigator.State == AutoState.Hold, 30_000_000);
        return v;
    }
}
