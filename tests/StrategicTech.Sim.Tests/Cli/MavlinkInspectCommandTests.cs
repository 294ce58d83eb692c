using static StrategicTech.Sim.Tests.Cli.CliRunner;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using StrategicTech.Drivers.Mavlink;
using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Drivers.Mavlink.Dialects.Minimal;
using StrategicTech.Sim.Cli;

namespace StrategicTech.Sim.Tests.Cli;

public class MavlinkInspectCommandTests
{
    [Theory]
    [InlineData("udpin://127.0.0.1:notaport", "port")]
    [InlineData("bogus://127.0.0.1:14550", "bogus")]
    [InlineData("udpout://:14550", "host")]
    public void Malformed_url_exits_2_naming_the_problem(string url, string named)
    {
        (int code, string output, string error) = Run("mavlink", "inspect", url, "--duration", "1");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Empty(output);
        Assert.Contains($"bad connection URL '{url}'", error, StringComparison.Ordinal);
        Assert.Contains(named, error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Plain_text_mode_prints_periodic_and_final_snapshots()
    {
        (int code, string output, _) = Run("mavlink", "inspect", $"udpin://127.0.0.1:{FreeUdpPort()}", "--duration", "0.4", "--refresh", "0.1", "--passive");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("(no MAVLink frames yet)", output, StringComparison.Ordinal);
        Assert.Contains("final:", output, StringComparison.Ordinal);
        Assert.Contains("bad CRC 0, bad signature 0, sequence drops 0", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Udp_loopback_run_reports_rates_drops_and_bad_crc_as_json()
    {
        int port = FreeUdpPort();
        using var sender = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var target = new IPEndPoint(IPAddress.Loopback, port);
        Task<(int Code, string Output, string Error)> cli = Task.Run(() =>
            Run("mavlink", "inspect", $"udpin://127.0.0.1:{port}", "--duration", "3", "--json"));

        var vehicle = new MavlinkFrameWriter(1, 1);
        var buffer = new byte[300];
        int heartbeats = 0;
        // Heartbeats until the inspector's GCS heartbeat comes back: then it is bound and has learned us.
        Task<UdpReceiveResult> reply = sender.ReceiveAsync();
        while (!reply.IsCompleted && heartbeats < 500)
        {
            sender.Send(buffer, vehicle.WriteV2(new Heartbeat { Type = MavType.Quadrotor, Autopilot = MavAutopilot.Px4 }, buffer), target);
            heartbeats++;
            await Task.WhenAny(reply, Task.Delay(20));
        }

        Assert.True(reply.IsCompleted, "the inspector never sent its GCS heartbeat");
        ReadOnlySpan<byte> gcs = (await reply).Buffer;
        Assert.True(new MavlinkParser(CommonDialect.Instance).TryRead(ref gcs, out MavlinkFrame gcsFrame));
        Assert.Equal((255, 190, Heartbeat.MsgId), (gcsFrame.SystemId, gcsFrame.ComponentId, gcsFrame.MessageId));

        for (int i = 0; i < 30; i++)
        {
            if (i == 10)
            {
                vehicle.NextSequence += 4; // four frames "lost" on the way
            }

            sender.Send(buffer, vehicle.WriteV2(new Attitude { TimeBootMs = (uint)i, Roll = 0.1f }, buffer), target);
        }

        int length = new MavlinkFrameWriter(9, 1).WriteV2(new Attitude { Roll = 1 }, buffer);
        buffer[12] ^= 0x10;
        sender.Send(buffer, length, target);

        (int code, string output, string error) = await cli;
        Assert.True(code == ExitCodes.Success, error);
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement root = json.RootElement;
        Assert.Equal(1, root.GetProperty("errors").GetProperty("badCrc").GetInt64());
        Assert.Equal(4, root.GetProperty("errors").GetProperty("sequenceDrops").GetInt64());
        JsonElement component = Assert.Single(root.GetProperty("components").EnumerateArray());
        Assert.Equal(1, component.GetProperty("system").GetInt32());
        Assert.Equal(1, component.GetProperty("component").GetInt32());
        Assert.Equal(4, component.GetProperty("sequenceDrops").GetInt64());
        var messages = component.GetProperty("messages").EnumerateArray().ToDictionary(m => m.GetProperty("name").GetString()!, m => m.GetProperty("count").GetInt64());
        Assert.Equal(30, messages["ATTITUDE"]);
        Assert.InRange(messages["HEARTBEAT"], 1, heartbeats);
        Assert.Equal(messages["ATTITUDE"] + messages["HEARTBEAT"], component.GetProperty("frames").GetInt64());
        Assert.True(root.GetProperty("bytes").GetInt64() > 30 * 20);
    }

    private static int FreeUdpPort()
    {
        using var probe = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.Client.LocalEndPoint!).Port;
    }
}
