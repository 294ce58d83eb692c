using System.Buffers.Binary;
using System.Text.Json;
using StrategicTech.Drivers.Mavlink;
using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Drivers.Mavlink.Dialects.Minimal;
using StrategicTech.Drivers.Mavlink.Logs;
using StrategicTech.Sim.Cli;
using StrategicTech.Sim.Lockstep;
using StrategicTech.Autopilot.Vehicles;
using StrategicTech.Sim.Tests.Sitl;
using static StrategicTech.Sim.Tests.Cli.CliRunner;

namespace StrategicTech.Sim.Tests.Mavlink;

public sealed class TlogWriterTests
{
    [Fact]
    public void Records_are_a_big_endian_microsecond_time_then_the_frame()
    {
        var buffer = new byte[300];
        int length = MavlinkFrameWriter.EncodeV2(new Heartbeat { Type = MavType.Quadrotor }, buffer, 3, 1, 1);
        using var stream = new MemoryStream();
        using (var tlog = new TlogWriter(stream, leaveOpen: true))
        {
            Assert.True(tlog.Write(0x0102_0304_0506_0708, buffer.AsSpan(0, length)));
            Assert.False(tlog.Write(1, buffer.AsSpan(0, length - 1)));
            Assert.False(tlog.Write(1, [1, 2, 3]));
            Assert.Equal(1, tlog.Records);
            Assert.Equal(2, tlog.Refused);
        }

        byte[] bytes = stream.ToArray();
        Assert.Equal(8 + length, bytes.Length);
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], bytes[..8]);
        Assert.Equal(buffer[..length], bytes[8..]);
    }

    [Fact]
    public void Setup_signing_is_never_logged()
    {
        var buffer = new byte[300];
        int length = MavlinkFrameWriter.EncodeV2(new SetupSigning { TargetSystem = 1, InitialTimestamp = 5 }, buffer, 3, 1, 1);
        using var tlog = new TlogWriter(new MemoryStream());
        Assert.False(tlog.Write(1_767_225_600_000_000, buffer.AsSpan(0, length)));
        Assert.Equal(0, tlog.Records);
    }

    [Fact]
    public void A_sitl_tlog_decodes_with_autonomy_mavlink_decode()
    {
        string path = Path.Combine(Path.GetTempPath(), $"sitl-mavlink-{Guid.NewGuid():N}.tlog");
        try
        {
            SitlVehicle vehicle = SitlFixtures.CreateQuad();
            var ground = new GroundStation(vehicle, new VehicleMavlinkLinkOptions { TlogPath = path });
            ground.RunUntil(() => false, 20_000_000);
            ground.Bridge.Dispose();

            byte[] bytes = File.ReadAllBytes(path);
            Assert.InRange(BinaryPrimitives.ReadInt64BigEndian(bytes) - VehicleMavlinkLinkOptions.DefaultTlogEpochUnixUs, 0, 100_000);

            (int code, string text, _) = Run("mavlink", "decode", path, "--json");
            Assert.Equal(ExitCodes.Success, code);
            using JsonDocument doc = JsonDocument.Parse(text);
            JsonElement root = doc.RootElement;
            Assert.Equal("tlog", root.GetProperty("format").GetString());
            Assert.InRange(root.GetProperty("durationS").GetDouble(), 19.9, 20.1);
            var rates = root.GetProperty("messages").EnumerateArray().ToDictionary(m => m.GetProperty("name").GetString()!, m => m.GetProperty("rateHz").GetDouble());
            Assert.InRange(rates["HEARTBEAT"], 0.95, 1.05);
            Assert.InRange(rates["ATTITUDE"], 19.5, 20.5);
            Assert.InRange(rates["VFR_HUD"], 3.9, 4.1);
            Assert.True(rates.ContainsKey("GLOBAL_POSITION_INT"));
            Assert.True(rates.ContainsKey("EXTENDED_SYS_STATE"));
            Assert.Equal(0, root.GetProperty("errors").GetProperty("badCrc").GetInt32());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
