using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using StrategicTech.Sim.Ros;
using StrategicTech.TestSupport;

namespace StrategicTech.Sim.Tests.Ros;

/// <summary>
/// Interop with the reference client: roslib 2.1.0 in node (tests/peers/rosbridge-roslib-peer.mjs, with ws 8.23.0,
/// installed by test.sh's npm ci) drives our simulated robot's rosbridge server over 127.0.0.1.
/// </summary>
public sealed class RoslibInteropTests
{
    [Fact]
    public async Task Roslib_subscribes_odom_and_cbor_scan_drives_with_cmd_vel_calls_a_service_and_runs_an_action()
    {
        string peers = Path.Combine(SharedData.RepositoryRoot, "tests", "peers");
        Assert.True(Directory.Exists(Path.Combine(peers, "node_modules", "roslib")), $"roslib is not installed: run 'npm ci' in {peers} (test.sh does)");
        await using RosRobotHost host = await RosRobotHost.StartAsync(RoomMap.Create(), start: (2.0, 4.0, 0.0));
        var start = new ProcessStartInfo("node", ["rosbridge-roslib-peer.mjs", host.Port.ToString(CultureInfo.InvariantCulture)])
        {
            WorkingDirectory = peers,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process node = Process.Start(start)!;
        Task<string> stdout = node.StandardOutput.ReadToEndAsync();
        Task<string> stderr = node.StandardError.ReadToEndAsync();

        // Lockstep while node works: the robot only moves when simulated time advances.
        await Lockstep.RunUntilAsync(host, () => node.HasExited);
        await node.WaitForExitAsync();

        Assert.True(node.ExitCode == 0, $"node exited {node.ExitCode}: {await stderr}");
        using JsonDocument json = JsonDocument.Parse(await stdout);
        JsonElement root = json.RootElement;
        Assert.True(root.GetProperty("odomMaxX").GetDouble() > 0.5);
        Assert.Equal("odom->base_footprint", root.GetProperty("odomFrame").GetString());
        Assert.Equal(360, root.GetProperty("scanBeams").GetInt32());
        Assert.True(root.GetProperty("scanIsFloat32Array").GetBoolean()); // our tag-85 typed array decoded by roslib's cbor2
        Assert.True(root.GetProperty("service").GetProperty("success").GetBoolean());
        Assert.True(root.GetProperty("feedback").GetInt32() >= 2); // 0.5 rad at 1 rad/s, feedback at 10 Hz
        Assert.Equal(0.5, root.GetProperty("action").GetProperty("delta_rad").GetDouble(), 0.02);
        Assert.True(host.Robot.Base.TrueXM > 2.4, $"robot x {host.Robot.Base.TrueXM}"); // roslib drove it > 0.5 m from x = 2
        Assert.Equal(0, host.Server.BadFrames);
    }
}
