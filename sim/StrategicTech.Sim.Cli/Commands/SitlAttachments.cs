using System.Globalization;
using StrategicTech.Drivers.Mavlink.Microservices;
using StrategicTech.Sim.Lockstep;
using StrategicTech.Autopilot.Vehicles;
using StrategicTech.Sim.Scenarios;

namespace StrategicTech.Sim.Cli.Commands;

/// <summary>
/// What rides along each vehicle of a <c>sitl</c> run: its MAVLink endpoint (<see cref="VehicleMavlinkLink"/>) and
/// <c>telemetry.tlog</c>. With <c>--mavlink</c> the endpoint is on UDP as PX4 SITL multi-vehicle (instance i binds
/// 127.0.0.1:14580+i, system id = the vehicle's, streams to 127.0.0.1:14550); without it the endpoint runs in
/// memory with nobody listening, so the tlog holds the vehicle's own telemetry and is deterministic.
/// </summary>
public static class SitlAttachments
{
    public const string TlogName = "telemetry.tlog";

    public static Func<SitlVehicle, ScenarioVehicle, int, IVehicleAttachment?> For(SitlSettings settings, string outputDirectory, int vehicleCount, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(output);
        return (vehicle, spec, index) =>
        {
            string dir = vehicleCount == 1 ? outputDirectory : Path.Combine(outputDirectory, "vehicle-" + spec.SystemId.ToString(CultureInfo.InvariantCulture));
            Directory.CreateDirectory(dir);
            var options = new VehicleMavlinkLinkOptions { Instance = index, SystemId = (byte)spec.SystemId, TlogPath = Path.Combine(dir, TlogName), WaitForLogWriter = settings.SpeedFactor is null };
            if (!settings.Mavlink)
            {
                return new BridgeAttachment(VehicleMavlinkLink.AttachInMemory(vehicle.Vehicle, NobodyListening.Instance, options));
            }

            VehicleMavlinkLink bridge = VehicleMavlinkLink.Attach(vehicle.Vehicle, options);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  vehicle {spec.SystemId}: MAVLink system id {options.ResolvedSystemId} on udp {bridge.LocalEndPoint}, streaming to 127.0.0.1:{VehicleMavlinkLinkOptions.GroundStationPort}"));
            return new BridgeAttachment(bridge);
        };
    }

    private sealed class BridgeAttachment(VehicleMavlinkLink bridge) : IVehicleAttachment
    {
        public void AfterStep(SitlVehicle vehicle, long timeUs)
        {
            // The bridge runs as the vehicle's own scheduler task; nothing to do per tick here.
        }

        public void Dispose() => bridge.Dispose();
    }

    private sealed class NobodyListening : IMavlinkFrameSink
    {
        public static NobodyListening Instance { get; } = new();

        public bool Send(ReadOnlySpan<byte> frame) => true;
    }
}
