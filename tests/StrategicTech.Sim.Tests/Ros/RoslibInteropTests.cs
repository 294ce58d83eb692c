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
public sealed class RoslibInteropTests(Xunit.Abstractions.ITestOutputHelper output)
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

        // Lockstep while node works: the robot only moves when simulated time advances. Once an odometry message past
        // the peer's 0.5 m threshold has been published, time stands still until its stop command arrives (at most 5 s
        // of wall time): node's reaction time is wall time, and advancing meanwhile would turn a loaded machine's
        // latency into simulated travel (a real client at 0.4 m/s reacting within milliseconds moves about a millimetre).
        long crossedUs = long.MaxValue;
        var heldFor = new Stopwatch();
        await Lockstep.RunUntilAsync(host, () => node.HasExited, hold: () =>
        {
            if (crossedUs == long.MaxValue && host.Robot.Base.OdomXM > 0.5)
            {
                crossedUs = host.Robot.TimeUs;
            }

            bool waitingForStop = host.Robot.LastOdometryStampUs >= crossedUs && host.Robot.LastCommand.Linear.X != 0;
            if (waitingForStop && !heldFor.IsRunning)
            {
                heldFor.Start();
            }

            return waitingForStop && heldFor.Elapsed < TimeSpan.FromSeconds(5);
        });
        await node.WaitForExitAsync();

        Assert.True(node.ExitCode == 0, $"node exited {node.ExitCode}: {await stderr}");
        using JsonDocument json = JsonDocument.Parse(await stdout);
        JsonElement root = json.RootElement;
        // The peer drives until odometry passes 0.5 m: the first odometry past it, measured 0.5020 m (3 runs); bound one
        // odometry period at 0.4 m/s above the threshold (0.508 m).
        output.WriteLine(FormattableString.Invariant($"odomMaxX {root.GetProperty("odomMaxX").GetDouble():F4} m, truth x {host.Robot.Base.TrueXM:F4} m, held {heldFor.Elapsed.TotalMilliseconds:F0} ms"));
        Assert.InRange(root.GetProperty("odomMaxX").GetDouble(), 0.5, 0.508);
        Assert.Equal("odom->base_footprint", root.GetProperty("odomFrame").GetString());
        Assert.Equal(360, root.GetProperty("scanBeams").GetInt32());
        Assert.True(root.GetProperty("scanIsFloat32Array").GetBoolean()); // our tag-85 typed array decoded by roslib's cbor2
        Assert.True(root.GetProperty("service").GetProperty("success").GetBoolean());
        Assert.InRange(root.GetProperty("feedback").GetInt32(), 8, 18); // 0.5 rad with acceleration limits, feedback at 10 Hz: measured 12 (3 runs); bounds 12 / 1.5 and 12 x 1.5
        Assert.Equal(0.5, root.GetProperty("action").GetProperty("delta_rad").GetDouble(), 0.015); // measured 0.4902 rad (error 0.0098); bound 0.015 rad
        // roslib drove it 0.5 m from x = 2 and stopped: measured 2.5794 m (3 runs: the 0.5 m plus 0.079 m of odometry
        // overshoot and braking); bound 2.5 .. 2.62 m (1.5x the 0.079 m past 2.5 m).
        Assert.InRange(host.Robot.Base.TrueXM, 2.5, 2.62);
        Assert.Equal(0, host.Server.BadFrames);
    }
}
