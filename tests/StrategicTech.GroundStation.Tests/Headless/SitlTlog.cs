using StrategicTech.Autopilot.Vehicles;
using StrategicTech.Drivers.Mavlink.Microservices;
using StrategicTech.Sim.Lockstep;
using StrategicTech.Sim.Physics;
using StrategicTech.Sim.SensorModels;

namespace StrategicTech.GroundStation.Tests.Headless;

/// <summary>A telemetry log written by our SITL: a quad that waits for its estimator, arms, takes off to 10 m and hovers.</summary>
internal static class SitlTlog
{
    private sealed class Discard : IMavlinkFrameSink
    {
        public bool Send(ReadOnlySpan<byte> frame) => true;
    }

    private static readonly Lazy<string> Shared = new(Write);

    /// <summary>Path of the log (written once per test run).</summary>
    public static string Path => Shared.Value;

    public static SitlVehicle CreateQuad() =>
        new(AirframeLoader.LoadBuiltIn("quad_x"), SimulationEnvironment.Default with { Seed = 1, Wind = WindParameters.Calm }, sensorSeed: 1, sensors: SensorSuiteParameters.Default);

    private static string Write()
    {
        string path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"gcs-sitl-{Environment.ProcessId}.tlog");
        SitlVehicle vehicle = CreateQuad();
        using (VehicleMavlinkLink.AttachInMemory(vehicle.Vehicle, new Discard(), new VehicleMavlinkLinkOptions { TlogPath = path, WaitForLogWriter = true }))
        {
            Assert.True(vehicle.StepUntil(v => v.ReadyToArm, 30_000_000), "EKF never ready to arm");
            Assert.True(vehicle.Arm(), "arming refused");
            Assert.True(vehicle.Navigator.Takeoff(10));
            vehicle.StepFor(20_000_000);
        }

        return path;
    }
}
