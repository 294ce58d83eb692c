using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using StrategicTech.Drivers.Mavlink;
using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Drivers.Mavlink.Dialects.Minimal;
using StrategicTech.Drivers.Mavlink.Transports;
using StrategicTech.TestSupport;

namespace StrategicTech.Drivers.Mavlink.Tests.Mavlink;

/// <summary>Interop with an independent implementation: node-mavlink 2.3.0 (tests/peers, installed by test.sh's npm ci) over 127.0.0.1 UDP.</summary>
public sealed class NodeMavlinkInteropTests
{
    [Fact]
    public void Node_mavlink_heartbeat_decodes_here_and_our_attitude_decodes_there()
    {
        string peers = Path.Combine(SharedData.RepositoryRoot, "tests", "peers");
        Assert.True(
            Directory.Exists(Path.Combine(peers, "node_modules", "node-mavlink")),
            $"node-mavlink is not installed: run 'npm ci' in {peers} (test.sh does)");

        using var server = new UdpTransport(MavlinkEndpoint.Parse("udpin://127.0.0.1:0"));
        var received = new BlockingCollection<byte[]>();
        new MavlinkLink(server, CommonDialect.Instance).Start((_, f) => received.Add(f.Raw.ToArray()));

        var start = new ProcessStartInfo("node", ["mavlink-udp-peer.mjs", server.LocalEndPoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            WorkingDirectory = peers,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process node = Process.Start(start)!;

        Assert.True(received.TryTake(out byte[]? raw, TimeSpan.FromSeconds(20)), "no HEARTBEAT from node-mavlink");
        ReadOnlySpan<byte> input = raw;
        var parser = new MavlinkParser(CommonDialect.Instance);
        Assert.True(parser.TryRead(ref input, out MavlinkFrame frame));
        Assert.Equal(42, frame.SystemId);
        Assert.Equal(7, frame.Sequence);
        Assert.True(frame.TryDecode(out Heartbeat heartbeat));
        Assert.Equal(MavType.Quadrotor, heartbeat.Type);
        Assert.Equal(MavAutopilot.Ardupilotmega, heartbeat.Autopilot);
        Assert.Equal(4u, heartbeat.CustomMode);
        Assert.Equal(MavState.Active, heartbeat.SystemStatus);

        var buffer = new byte[300];
        int length = MavlinkFrameWriter.EncodeV2(new Attitude { TimeBootMs = 1234, Roll = 0.5f, Pitch = -0.25f, Yaw = 1.5f }, buffer, 9, 1, 1);
        Assert.True(server.Send(buffer.AsSpan(0, length)));

        Assert.True(node.WaitForExit(20_000), "node-mavlink peer did not finish");
        string output = node.StandardOutput.ReadToEnd();
        Assert.True(node.ExitCode == 0, $"node exited {node.ExitCode}: {node.StandardError.ReadToEnd()}");
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement root = json.RootElement;
        Assert.Equal(30, root.GetProperty("msgid").GetInt32());
        Assert.Equal(9, root.GetProperty("seq").GetInt32());
        JsonElement fields = root.GetProperty("fields");
        Assert.Equal(1234, fields.GetProperty("timeBootMs").GetInt64());
        Assert.Equal(0.5, fields.GetProperty("roll").GetDouble());
        Assert.Equal(-0.25, fields.GetProperty("pitch").GetDouble());
        Assert.Equal(1.5, fields.GetProperty("yaw").GetDouble());
    }
}
