using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using StrategicTech.Drivers.Mavlink;
using StrategicTech.Sim.Cli;
using StrategicTech.Sim.Cli.Commands;
using StrategicTech.TestSupport;

namespace StrategicTech.Sim.Tests.Cli;

/// <summary>
/// <c>autonomy sitl vehicle</c> end to end, as child processes: driven through stdin, through MAVLink by
/// node-mavlink, and two instances side by side with their own ports and system ids.
/// </summary>
public sealed class SitlVehicleCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sitl-vehicle-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, true);
        }
    }

    [Fact]
    public void Typed_arm_takeoff_status_land_quit_fly_the_vehicle_and_write_the_scenario_outputs()
    {
        using Socket gcs = BoundUdp();
        string outDir = Path.Combine(_dir, "stdin");
        using var vehicle = new SitlVehicleProcess("--speed", "4", "--instance", "7", "--port", "0", "--api-port", "0",
            "--gcs-port", Port(gcs), "--out", outDir);
        vehicle.WaitFor("MAVLink: system id 8 on udp 127.0.0.1:");
        vehicle.WaitFor("ready to arm");
        vehicle.Type("arm");
        vehicle.WaitFor("arm: accepted");
        vehicle.Type("takeoff 4");
        vehicle.WaitFor("takeoff: accepted");
        vehicle.WaitFor("mode Hold, armed");
        vehicle.Type("status");
        string status = vehicle.WaitFor("| Hold |");
        Assert.Contains("| armed | flying | alt ", status, StringComparison.Ordinal);
        double altitudeM = double.Parse(status.Split("| alt ")[1].Split(' ')[0], CultureInfo.InvariantCulture);
        Assert.InRange(altitudeM, 3.4, 4.6); // measured 4.0 m; bound ±0.6 m
        vehicle.Type("land");
        vehicle.WaitFor("land: accepted");
        vehicle.WaitFor("landed");
        vehicle.WaitFor(", disarmed");
        vehicle.Type("quit");
        vehicle.WaitFor("stopped by quit");
        Assert.Equal(ExitCodes.Success, vehicle.WaitForExit());

        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        JsonElement v = summary.RootElement.GetProperty("vehicles")[0];
        Assert.Equal(8, v.GetProperty("systemId").GetInt32());
        Assert.True(v.GetProperty("landed").GetBoolean());
        Assert.False(v.GetProperty("armed").GetBoolean());
        foreach (string f in new[] { "truth_vs_estimate.csv", "wallclock.json", "track.png", "altitude.png" })
        {
            Assert.True(File.Exists(Path.Combine(outDir, f)), f + " missing");
        }

        AssertTlogComplete(Path.Combine(outDir, "telemetry.tlog"), systemId: 8);
        Assert.Equal(8, ReceiveHeartbeatSystemId(gcs, out _)); // it streamed to the ground-station port it was given
    }

    [Fact]
    public void Node_mavlink_arms_takes_off_and_lands_the_interactive_vehicle()
    {
        string peers = Path.Combine(SharedData.RepositoryRoot, "tests", "peers");
        Assert.True(Directory.Exists(Path.Combine(peers, "node_modules", "node-mavlink")), $"node-mavlink is not installed: run 'npm ci' in {peers} (test.sh does)");
        int gcsPort;
        using (Socket probe = BoundUdp())
        {
            gcsPort = ((IPEndPoint)probe.LocalEndPoint!).Port; // a free port for the node ground station to bind
        }

        string outDir = Path.Combine(_dir, "node");
        using var vehicle = new SitlVehicleProcess("--speed", "4", "--instance", "3", "--port", "0", "--api-port", "0",
            "--gcs-port", gcsPort.ToString(CultureInfo.InvariantCulture), "--out", outDir, "--no-plots");
        vehicle.WaitFor("MAVLink: system id 4");
        var start = new ProcessStartInfo("node", ["mavlink-arm-takeoff-land.mjs", gcsPort.ToString(CultureInfo.InvariantCulture), "150"])
        {
            WorkingDirectory = peers,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process node = Process.Start(start)!;
        string text = node.StandardOutput.ReadToEnd();
        string errors = node.StandardError.ReadToEnd();
        Assert.True(node.WaitForExit(TimeSpan.FromSeconds(200)), "node did not finish");
        Assert.True(node.ExitCode == 0, $"node exited {node.ExitCode}: {text} {errors}\n{vehicle.Transcript}");
        using JsonDocument result = JsonDocument.Parse(text);
        Assert.Equal(4, result.RootElement.GetProperty("sysid").GetInt32());
        Assert.InRange(result.RootElement.GetProperty("maxRelativeAltM").GetDouble(), 2.0, 3.0); // MIS_TAKEOFF_ALT 2.5 m; measured 2.5 m
        vehicle.Type("quit");
        Assert.Equal(ExitCodes.Success, vehicle.WaitForExit());
        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        Assert.True(summary.RootElement.GetProperty("vehicles")[0].GetProperty("landed").GetBoolean());
    }

    [Fact]
    public void Two_instances_run_side_by_side_on_their_own_ports_and_system_ids_and_stop_on_quit_and_sigterm()
    {
        using Socket gcsA = BoundUdp(), gcsB = BoundUdp();
        using var a = new SitlVehicleProcess("--instance", "21", "--api-port", "0", "--gcs-port", Port(gcsA), "--out", Path.Combine(_dir, "a"), "--no-plots");
        using var b = new SitlVehicleProcess("--instance", "22", "--api-port", "0", "--gcs-port", Port(gcsB), "--out", Path.Combine(_dir, "b"), "--no-plots");
        a.WaitFor("MAVLink: system id 22 on udp 127.0.0.1:14601");
        b.WaitFor("MAVLink: system id 23 on udp 127.0.0.1:14602");
        Assert.Equal(22, ReceiveHeartbeatSystemId(gcsA, out int fromA));
        Assert.Equal(23, ReceiveHeartbeatSystemId(gcsB, out int fromB));
        Assert.Equal(14601, fromA);
        Assert.Equal(14602, fromB);

        a.WaitFor("ready to arm"); // both have run a while (EKF aligned): their logs hold more than the first heartbeats
        b.WaitFor("ready to arm");
        a.Type("quit");
        using (Process kill = Process.Start("kill", ["-TERM", b.Id.ToString(CultureInfo.InvariantCulture)])!)
        {
            kill.WaitForExit();
        }

        Assert.Equal(ExitCodes.Success, a.WaitForExit());
        Assert.Equal(ExitCodes.Success, b.WaitForExit());
        Assert.Contains("stopped by quit", a.Transcript, StringComparison.Ordinal);
        Assert.Contains("stopped by SIGTERM", b.Transcript, StringComparison.Ordinal);
        AssertTlogComplete(Path.Combine(_dir, "a", "telemetry.tlog"), systemId: 22);
        AssertTlogComplete(Path.Combine(_dir, "b", "telemetry.tlog"), systemId: 23);
    }

    [Fact]
    public void A_port_in_use_and_bad_options_exit_2_with_sentences()
    {
        using Socket held = BoundUdp();
        using var error = new StringWriter();
        var settings = new SitlVehicleCommand.Settings("quad_x", null, 0, "1", null, Path.Combine(_dir, "busy"),
            ((IPEndPoint)held.LocalEndPoint!).Port, 14550, 0, true, 1);
        Assert.Equal(ExitCodes.BadInput, SitlVehicleCommand.Run(settings, new StringReader("quit\n"), TextWriter.Null, error));
        Assert.Contains("is another instance using it? Use --instance or --port", error.ToString(), StringComparison.Ordinal);

        using var homeError = new StringWriter();
        Assert.Equal(ExitCodes.BadInput, SitlVehicleCommand.Run(settings with { Home = "47.3,north,488" }, new StringReader(string.Empty), TextWriter.Null, homeError));
        Assert.StartsWith("error: --home must be lat,lon,alt", homeError.ToString(), StringComparison.Ordinal);
        using var frameError = new StringWriter();
        Assert.Equal(ExitCodes.BadInput, SitlVehicleCommand.Run(settings with { Airframe = "tricopter" }, new StringReader(string.Empty), TextWriter.Null, frameError));
        Assert.Contains("neither a built-in airframe", frameError.ToString(), StringComparison.Ordinal);
    }

    private static Socket BoundUdp()
    {
        var s = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        s.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        s.ReceiveTimeout = 60_000;
        return s;
    }

    private static string Port(Socket s) => ((IPEndPoint)s.LocalEndPoint!).Port.ToString(CultureInfo.InvariantCulture);

    /// <summary>The system id of the first MAVLink 2 HEARTBEAT received, and the UDP port it came from.</summary>
    private static int ReceiveHeartbeatSystemId(Socket s, out int fromPort)
    {
        byte[] buffer = new byte[2048];
        var parser = new MavlinkParser(MavlinkDialects.All);
        for (int i = 0; i < 500; i++)
        {
            EndPoint from = new IPEndPoint(IPAddress.Any, 0);
            int n = s.ReceiveFrom(buffer, ref from);
            ReadOnlySpan<byte> input = buffer.AsSpan(0, n);
            while (parser.TryRead(ref input, out MavlinkFrame frame))
            {
                if (frame.MessageId == 0)
                {
                    fromPort = ((IPEndPoint)from).Port;
                    return frame.SystemId;
                }
            }
        }

        fromPort = 0;
        return -1;
    }

    private static void AssertTlogComplete(string path, int systemId)
    {
        byte[] tlog = File.ReadAllBytes(path);
        var parser = new MavlinkParser(MavlinkDialects.All);
        var reader = new MavlinkTlogReader(parser);
        ReadOnlySpan<byte> input = tlog;
        long frames = 0;
        while (reader.TryRead(ref input, out _, out MavlinkFrame frame))
        {
            frames++;
            Assert.True(frame.SystemId == systemId || frame.SystemId == 255 || frame.SystemId == 245, $"frame from system {frame.SystemId}");
        }

        Assert.Equal(0, input.Length);
        Assert.Equal(0, reader.SkippedBytes);
        Assert.Equal(0, parser.Stats.BadCrc);
        Assert.True(frames > 100, $"{frames} frames");
    }
}
