using BenchmarkDotNet.Attributes;
using StrategicTech.Drivers.Mavlink.Microservices;
using StrategicTech.Sim.Lockstep;
using StrategicTech.Autopilot.Vehicles;
using StrategicTech.Sim.Physics;

namespace StrategicTech.Benchmarks.SitlMavlink;

/// <summary>
/// The vehicle's MAVLink endpoint in SITL: one 50 Hz endpoint tick (fill telemetry from the vehicle, heartbeat,
/// every due stream encoded into a sink that discards), and one 20 ms slice of flight (20 lockstep ticks) with and
/// without the bridge attached, to show what MAVLink adds to a simulation step.
/// </summary>
[MemoryDiagnoser]
public class SitlMavlinkBenchmarks
{
    private SitlVehicle _plain = null!;
    private SitlVehicle _bridged = null!;
    private VehicleMavlinkLink _bridge = null!;
    private SitlVehicle _ticked = null!;
    private VehicleMavlinkLink _tickedBridge = null!;

    [GlobalSetup]
    public void Setup()
    {
        _plain = Airborne(attachBridge: false, out _);
        _bridged = Airborne(attachBridge: true, out _bridge);
        _ticked = Airborne(attachBridge: true, out _tickedBridge);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _bridge.Dispose();
        _tickedBridge.Dispose();
    }

    /// <summary>One endpoint tick as the loop task runs it (telemetry fill + services + encoding).</summary>
    [Benchmark]
    public void EndpointTick()
    {
        _ticked.Clock.AdvanceUs(20_000);
        _tickedBridge.Endpoint.Tick();
    }

    [Benchmark(Baseline = true)]
    public void Flight20msWithoutMavlink() => _plain.StepFor(20_000);

    [Benchmark]
    public void Flight20msWithMavlink() => _bridged.StepFor(20_000);

    private static SitlVehicle Airborne(bool attachBridge, out VehicleMavlinkLink bridge)
    {
        var vehicle = new SitlVehicle(AirframeLoader.LoadBuiltIn("quad_x"), SimulationEnvironment.Default);
        bridge = attachBridge ? VehicleMavlinkLink.AttachInMemory(vehicle.Vehicle, new NullSink()) : null!;
        vehicle.StepUntil(v => v.ReadyToArm, 30_000_000);
        vehicle.Commands.Takeoff(double.NaN);
        vehicle.StepFor(5_000_000);
        return vehicle;
    }

    private sealed class NullSink : IMavlinkFrameSink
    {
        public bool Send(ReadOnlySpan<byte> frame) => true;
    }
}
