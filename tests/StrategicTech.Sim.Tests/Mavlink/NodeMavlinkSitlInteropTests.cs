using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using StrategicTech.Sim.Lockstep;
using StrategicTech.Autopilot.Vehicles;
using StrategicTech.Sim.Tests.Sitl;
using StrategicTech.TestSupport;

namespace StrategicTech.Sim.Tests.Mavlink;

/// <summary>
/// Interop with an independent MAVLink implementation: node-mavlink 2.3.0 (tests/peers, installed by test.sh's
/// npm ci) flies the SITL quad over 127.0.0.1 UDP — mission upload, arm, start, every MISSION_ITEM_REACHED, landed.
/// The SITL is paced at ×10 real time so the script's handshakes keep up.
/// </summary>
public sealed class NodeMavlinkSitlInteropTests
{
    private const double Speed = 10;
    private const long SimLimitUs = 300_000_000;

    [Fact]
    public async Task Node_mavlink_uploads_a_mission_arms_starts_and_sees_every_item_reached_and_the_landing()
    {
        string peers = Path.Combine(SharedData.RepositoryRoot, "tests", "peers");
        Assert.True(
            Directory.Exists(Path.Combine(peers, "node_modules", "node-mavlink")),
            $"node-mavlink is not installed: run 'npm ci' in {peers} (test.sh does)");

        SitlVehicle vehicle = SitlFixtures.CreateQuad();
        using VehicleMavlinkLink bridge = VehicleMavlinkLink.Attach(vehicle.Vehicle, new VehicleMavlinkLinkOptions { Bind = "udpin://127.0.0.1:0", Remote = string.Empty });
        int port = bridge.LocalEndPoint!.Port;

        var start = new ProcessStartInfo("node", ["mavlink-sitl-mission.mjs", port.ToString(CultureInfo.InvariantCulture), "50"])
        {
            WorkingDirectory = peers,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process node = Process.Start(start)!;
        Task<string> output = node.StandardOutput.ReadToEndAsync();
        Task<string> errors = node.StandardError.ReadToEndAsync();

        // Paced lockstep: simulated time runs at most Speed × wall time; the loop itself never waits on the network.
        var wall = Stopwatch.StartNew();
        long startUs = vehicle.Clock.TimeUs;
        while (!node.HasExited && vehicle.Clock.TimeUs - startUs < SimLimitUs)
        {
            vehicle.StepFor(20_000);
            double aheadMs = ((vehicle.Clock.TimeUs - startUs) / 1000.0 / Speed) - wall.Elapsed.TotalMilliseconds;
            if (aheadMs > 1)
            {
                Thread.Sleep(TimeSpan.FromMilliseconds(aheadMs));
            }
        }

        Assert.True(node.WaitForExit(10_000), "node-mavlink peer did not finish");
        string text = await output;
        string stderr = await errors;
        Assert.True(node.ExitCode == 0, $"node exited {node.ExitCode}: {text} {stderr}");

        using JsonDocument json = JsonDocument.Parse(text);
        JsonElement root = json.RootElement;
        Assert.True(root.GetProperty("ok").GetBoolean());
        Assert.Equal([0, 1, 2, 3], root.GetProperty("reached").EnumerateArray().Select(e => e.GetInt32()));
        Assert.True(root.GetProperty("landed").GetBoolean());
        Assert.False(root.GetProperty("armed").GetBoolean());
        Assert.Equal(12, root.GetProperty("vehicle").GetProperty("autopilot").GetInt32()); // MAV_AUTOPILOT_PX4
        Assert.Equal(2, root.GetProperty("vehicle").GetProperty("type").GetInt32()); // MAV_TYPE_QUADROTOR

        // The vehicle agrees: mission finished, disarmed on the ground.
        Assert.True(vehicle.Commands.Status.MissionFinished);
        Assert.False(vehicle.Commands.Status.Armed);
        Assert.Equal(4, vehicle.Commands.Status.ReachedCount);
        Assert.Equal(0, bridge.DroppedBytes);
    }
}
