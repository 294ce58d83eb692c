using BenchmarkDotNet.Attributes;
using StrategicTech.Autopilot.Companion;
using StrategicTech.Autopilot.Vehicles;
using StrategicTech.Drivers.Mavlink.Microservices;
using StrategicTech.Navigation.Numerics;
using StrategicTech.Sim.Lockstep;
using StrategicTech.Sim.Physics;

namespace StrategicTech.Benchmarks.Companion;

/// <summary>
/// The companion's cost per 50 Hz period: <c>CompanionPeriod</c> is one 20 ms slice of a SITL quad in OFFBOARD (20
/// lockstep steps with its MAVLink link) plus the companion receiving the vehicle's frames and ticking (route
/// follower, setpoint encoded and sent); <c>VehiclePeriod</c> is the same slice of a quad with the same link whose
/// setpoints come from nobody (holding). The difference is what the companion adds per period.
/// </summary>
[MemoryDiagnoser]
public class CompanionBenchmarks
{
    private Pair _flying = null!;
    private SitlVehicle _holding = null!;

    [GlobalSetup]
    public void Setup()
    {
        // A 20 km line: the route lasts far longer than any benchmark run, so every period is a FlyingRoute period.
        Vector3[] line = [new(0, 0, -10), new(20_000, 0, -10)];
        _flying = new Pair(new SitlVehicle(AirframeLoader.LoadBuiltIn("quad_x"), SimulationEnvironment.Default), _ => new CompanionRoute(line, false, "line"));
        for (int i = 0; i < 120_000 && _flying.Companion.State != CompanionState.FlyingRoute; i++)
        {
            _flying.Period();
        }

        if (_flying.Companion.State != CompanionState.FlyingRoute)
        {
            throw new InvalidOperationException("the companion never reached FlyingRoute: " + _flying.Companion.State);
        }

        _holding = new SitlVehicle(AirframeLoader.LoadBuiltIn("quad_x"), SimulationEnvironment.Default);
        _ = VehicleMavlinkLink.AttachInMemory(_holding.Vehicle, new NullSink());
        _holding.StepUntil(v => v.ReadyToArm, 30_000_000);
        _holding.Commands.Takeoff(double.NaN);
        _holding.StepFor(5_000_000);
    }

    [Benchmark]
    public void CompanionPeriod() => _flying.Period();

    [Benchmark(Baseline = true)]
    public void VehiclePeriod() => _holding.StepFor(20_000);

    /// <summary>A SITL vehicle and a companion joined in memory; one period = 20 vehicle steps and one companion tick.</summary>
    private sealed class Pair
    {
        private readonly SitlVehicle _vehicle;
        private readonly VehicleMavlinkLink _link;

        public Pair(SitlVehicle vehicle, Func<HomeReference, CompanionRoute> plan)
        {
            _vehicle = vehicle;
            Companion = new CompanionController(new ToVehicle(this), vehicle.Clock, new CompanionOptions { TakeoffHeightM = 10 }, plan);
            _link = VehicleMavlinkLink.AttachInMemory(vehicle.Vehicle, new ToCompanion(this));
        }

        public CompanionController Companion { get; }

        public void Period()
        {
            _vehicle.StepFor(20_000);
            Companion.Tick();
        }

        private sealed class ToVehicle(Pair p) : IMavlinkFrameSink
        {
            public bool Send(ReadOnlySpan<byte> frame) => p._link.Enqueue(frame);
        }

        private sealed class ToCompanion(Pair p) : IMavlinkFrameSink
        {
            public bool Send(ReadOnlySpan<byte> frame)
            {
                p.Companion.Receive(frame);
                return true;
            }
        }
    }

    private sealed class NullSink : IMavlinkFrameSink
    {
        public bool Send(ReadOnlySpan<byte> frame) => true;
    }
}
