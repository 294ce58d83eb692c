using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using StrategicTech.Drivers.Mavlink;
using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Drivers.Mavlink.Dialects.Minimal;
using StrategicTech.Drivers.Mavlink.Dialects.Standard;
using StrategicTech.Drivers.Mavlink.Microservices;
using StrategicTech.Drivers.Mavlink.Microservices.Command.Client;
using StrategicTech.Drivers.Mavlink.Microservices.Command.Server;
using StrategicTech.Drivers.Mavlink.Microservices.Heartbeat.Server;
using StrategicTech.Drivers.Mavlink.Microservices.Parameters.Server;
using StrategicTech.Drivers.Mavlink.Microservices.Telemetry.Server;
using StrategicTech.Drivers.Mavlink.Transports;
using StrategicTech.Navigation.Time;
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

    /// <summary>
    /// Both directions, both sides asserting (tests/peers/mavlink-interop-peer.mjs, node = system 42): HEARTBEAT,
    /// COMMAND_LONG → COMMAND_ACK (node commands our CommandServer; our CommandClient commands node),
    /// PARAM_REQUEST_READ → PARAM_VALUE by name and by index from our ParameterServer, ATTITUDE and
    /// GLOBAL_POSITION_INT with agreed values from our TelemetryScheduler to node and from node to our subscriptions.
    /// </summary>
    [Fact]
    public async Task Node_mavlink_and_our_services_exchange_commands_parameters_and_telemetry_both_ways()
    {
        await using var vehicle = new InteropVehicle(gain: 0.125f);
        TimeSpan wait = TimeSpan.FromSeconds(20);

        Heartbeat hb = await vehicle.Heartbeat.Task.WaitAsync(wait);
        Assert.Equal(MavType.Gcs, hb.Type);
        Assert.Equal(7u, hb.CustomMode);
        Assert.Equal(MavState.Active, hb.SystemStatus);
        Assert.Equal(3, hb.MavlinkVersion);

        Attitude att = await vehicle.Attitude.Task.WaitAsync(wait);
        Assert.Equal((4242u, -0.75f, 0.125f, 3f), (att.TimeBootMs, att.Roll, att.Pitch, att.Yaw));
        Assert.Equal((0.5f, -0.5f, 0.25f), (att.Rollspeed, att.Pitchspeed, att.Yawspeed));
        GlobalPositionInt gpi = await vehicle.Position.Task.WaitAsync(wait);
        Assert.Equal((4343u, -338_688_000, 1_512_093_000, 58_000, 12_000), (gpi.TimeBootMs, gpi.Lat, gpi.Lon, gpi.Alt, gpi.RelativeAlt));
        Assert.Equal(((short)-120, (short)340, (short)-5, (ushort)27_000), (gpi.Vx, gpi.Vy, gpi.Vz, gpi.Hdg));

        MavResult mode = await vehicle.Client.SendAsync(new CommandLong { TargetSystem = 42, TargetComponent = 1, Command = MavCmd.DoSetMode, Param1 = 1, Param2 = 4 }).WaitAsync(wait);
        Assert.Equal(MavResult.Accepted, mode);
        MavResult refused = await vehicle.Client.SendAsync(new CommandLong { TargetSystem = 42, TargetComponent = 1, Command = MavCmd.DoSetMode, Param1 = 1, Param2 = 5 }).WaitAsync(wait);
        Assert.Equal(MavResult.Denied, refused);

        (int exitCode, string output, string error) = await vehicle.WaitForPeerAsync();
        Assert.True(exitCode == 0, $"node exited {exitCode}: {error}");
        using JsonDocument json = JsonDocument.Parse(output);
        Assert.True(json.RootElement.GetProperty("ok").GetBoolean());
        string[] checks = [.. json.RootElement.GetProperty("checks").EnumerateArray().Select(c => c.GetString()!)];
        // Order-insensitive: node acks our command whenever it arrives.
        Assert.Equal(
            new[] { "their HEARTBEAT", "COMMAND_LONG ARM accepted", "COMMAND_LONG DO_SET_SERVO unsupported", "PARAM_REQUEST_READ by name",
                "PARAM_REQUEST_READ by index", "their ATTITUDE", "their GLOBAL_POSITION_INT", "their COMMAND_LONG DO_SET_MODE acked" }.Order(StringComparer.Ordinal),
            checks.Order(StringComparer.Ordinal));
    }

    /// <summary>The peer's checks can fail: a parameter value other than agreed makes it exit 1 naming the field.</summary>
    [Fact]
    public async Task Node_peer_exits_non_zero_naming_the_field_on_a_mismatch()
    {
        await using var vehicle = new InteropVehicle(gain: 0.25f);

        (int exitCode, string output, string error) = await vehicle.WaitForPeerAsync();

        Assert.Equal(1, exitCode);
        Assert.Empty(output.Trim());
        Assert.Contains("MISMATCH: PARAM_VALUE(TEST_GAIN).paramValue: expected 0.125, got 0.25", error, StringComparison.Ordinal);
    }

    /// <summary>Our side of the interop run: a vehicle node (1/1) on udpin with the real services, ticked every 10 ms, and node-mavlink started against it.</summary>
    private sealed class InteropVehicle : IAsyncDisposable
    {
        private readonly UdpTransport _transport;
        private readonly CancellationTokenSource _stopTicking = new();
        private readonly Task _ticking;
        private readonly Process _peer;
        private readonly Task<string> _stdout;
        private readonly Task<string> _stderr;
        private readonly List<IDisposable> _subscriptions = [];

        public InteropVehicle(float gain)
        {
            string peers = Path.Combine(SharedData.RepositoryRoot, "tests", "peers");
            Assert.True(
                Directory.Exists(Path.Combine(peers, "node_modules", "node-mavlink")),
                $"node-mavlink is not installed: run 'npm ci' in {peers} (test.sh does)");

            _transport = new UdpTransport(MavlinkEndpoint.Parse("udpin://127.0.0.1:0"));
            var node = new MavlinkNode(1, 1, new TransportFrameSink(_transport), new WallClock());
            node.Add(new HeartbeatPublisher(node, MavType.Quadrotor, MavAutopilot.Generic, periodUs: 200_000));
            CommandServer commands = node.Add(new CommandServer(node));
            commands.Register(MavCmd.ComponentArmDisarm, (request, _) => request.Param1 == 1 ? CommandReply.Accepted : CommandReply.Denied);
            var table = new ParameterTable();
            table.AddFloat("TEST_MODE", 2);
            table.AddFloat("TEST_GAIN", gain);
            table.AddInt32("TEST_COUNT", -123_456);
            node.Add(new ParameterServer(node, table));
            TelemetryScheduler telemetry = node.Add(new TelemetryScheduler(node));
            telemetry.RegisterOn(commands);
            telemetry.Register(100_000, (long _, out Attitude m) =>
            {
                m = new Attitude { TimeBootMs = 1234, Roll = 0.5f, Pitch = -0.25f, Yaw = 1.5f, Rollspeed = 0.0625f, Pitchspeed = -0.125f, Yawspeed = 2f };
                return true;
            });
            telemetry.Register(100_000, (long _, out GlobalPositionInt m) =>
            {
                m = new GlobalPositionInt { TimeBootMs = 5678, Lat = 473_977_420, Lon = 85_455_940, Alt = 488_000, RelativeAlt = 25_000, Vx = 150, Vy = -75, Vz = 10, Hdg = 9000 };
                return true;
            });
            Client = node.Add(new CommandClient(node));
            _subscriptions.Add(node.Subscribe((in Heartbeat m, in MavlinkFrameHeader h) => FromPeer(Heartbeat, m, h)));
            _subscriptions.Add(node.Subscribe((in Attitude m, in MavlinkFrameHeader h) => FromPeer(Attitude, m, h)));
            _subscriptions.Add(node.Subscribe((in GlobalPositionInt m, in MavlinkFrameHeader h) => FromPeer(Position, m, h)));
            new MavlinkLink(_transport, CommonDialect.Instance).Start((_, f) => node.Receive(f));
            _ticking = Task.Run(async () =>
            {
                while (!_stopTicking.IsCancellationRequested)
                {
                    node.Tick();
                    await Task.Delay(10).ConfigureAwait(false);
                }
            });

            var start = new ProcessStartInfo("node", ["mavlink-interop-peer.mjs", _transport.LocalEndPoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
            {
                WorkingDirectory = peers,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            _peer = Process.Start(start)!;
            _stdout = _peer.StandardOutput.ReadToEndAsync();
            _stderr = _peer.StandardError.ReadToEndAsync();
        }

        public CommandClient Client { get; }

        public TaskCompletionSource<Heartbeat> Heartbeat { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource<Attitude> Attitude { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource<GlobalPositionInt> Position { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<(int ExitCode, string Output, string Error)> WaitForPeerAsync()
        {
            Assert.True(_peer.WaitForExit(25_000), "node-mavlink peer did not finish");
            return (_peer.ExitCode, await _stdout, await _stderr);
        }

        public async ValueTask DisposeAsync()
        {
            if (!_peer.HasExited)
            {
                _peer.Kill();
            }

            await _stopTicking.CancelAsync();
            await _ticking;
            _subscriptions.ForEach(s => s.Dispose());
            _transport.Dispose();
            _peer.Dispose();
            _stopTicking.Dispose();
        }

        private static void FromPeer<T>(TaskCompletionSource<T> completion, in T message, in MavlinkFrameHeader header)
        {
            if (header.SystemId == 42)
            {
                completion.TrySetResult(message);
            }
        }
    }
}
