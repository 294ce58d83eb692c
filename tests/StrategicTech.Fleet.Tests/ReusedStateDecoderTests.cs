using System.Text;
using FsCheck.Xunit;
using StrategicTech.Drivers.Vda5050;
using StrategicTech.Drivers.Vda5050.Messages;
using StrategicTech.Fleet.Hosting;
using StrategicTech.Sim.Fleet;
using StrategicTech.TestSupport;

namespace StrategicTech.Fleet.Tests;

public class ReusedStateDecoderTests
{
    [Property(MaxTest = 200)]
    public bool A_state_of_the_handled_shape_decodes_in_place_to_what_the_codec_decodes(
        uint headerId, uint orderUpdateId, uint sequenceId, bool driving, bool charging, bool paused, byte battery, short xCm, bool placed, bool withLists)
    {
        State sent = Idle("r7", headerId);
        sent.OrderId = "order-" + (orderUpdateId % 5).ToString(System.Globalization.CultureInfo.InvariantCulture);
        sent.OrderUpdateId = orderUpdateId;
        sent.LastNodeId = "n" + (sequenceId % 7).ToString(System.Globalization.CultureInfo.InvariantCulture);
        sent.LastNodeSequenceId = sequenceId;
        sent.Driving = driving;
        sent.Paused = paused;
        sent.BatteryState = new BatteryState { BatteryChargePercent = battery / 2.55, Charging = charging };
        sent.SafetyState = new SafetyState { EStop = driving ? EStop.None : EStop.AutoAck, FieldViolation = paused };
        if (placed)
        {
            sent.AgvPosition = new AgvPosition { XM = xCm / 100.0, YM = -xCm / 37.0, ThetaRad = 0.25, MapId = "aws", PositionInitialized = true };
            sent.DistanceSinceLastNodeM = xCm / 1000.0;
        }

        if (withLists)
        {
            sent.Loads = [];
            sent.Information = [];
        }

        byte[] json = Vda5050Codec.Encode(sent);
        var decoder = new ReusedStateDecoder("2.0.0");
        decoder.TryDecode(Vda5050Codec.Encode(Idle("r7", 1)), out _); // a previous state held: unchanged strings are reused
        bool fast = decoder.TryDecode(json, out State inPlace);
        Assert.True(Vda5050Codec.TryDecodeState(json, Vda5050Topics.State, "2.0.0", out State? viaCodec, out _));
        return fast && Vda5050Codec.Encode(inPlace).AsSpan().SequenceEqual(Vda5050Codec.Encode(viaCodec!));
    }

    [Theory]
    [InlineData("actionStates", "[{\"actionId\":\"a\",\"actionType\":\"pick\",\"actionStatus\":\"RUNNING\"}]")] // a list with entries
    [InlineData("velocity", "{\"vx\":0.5}")] // a member not handled here
    [InlineData("paused", "null")]
    [InlineData("headerId", "-1")]
    [InlineData("headerId", "1.5")]
    [InlineData("operatingMode", "\"automatic\"")]
    [InlineData("operatingMode", "\"STARTUP\"")]
    [InlineData("batteryState", "{\"batteryCharge\":50,\"charging\":false,\"batteryVoltage\":48}")]
    [InlineData("agvPosition", "{\"x\":1,\"y\":2,\"theta\":0,\"mapId\":\"m\"}")] // positionInitialized missing
    public void A_state_outside_the_handled_shape_is_left_to_the_codec(string member, string value)
    {
        string json = WithMember(Encoding.UTF8.GetString(Vda5050Codec.Encode(Idle("r1", 3))), member, value);
        Assert.False(new ReusedStateDecoder("2.0.0").TryDecode(Encoding.UTF8.GetBytes(json), out _));
    }

    [Fact]
    public void Missing_or_duplicate_members_another_major_version_and_malformed_JSON_are_left_to_the_codec()
    {
        string idle = Encoding.UTF8.GetString(Vda5050Codec.Encode(Idle("r1", 3)));
        var decoder = new ReusedStateDecoder("2.0.0");
        Assert.True(decoder.TryDecode(Encoding.UTF8.GetBytes(idle), out _));
        Assert.False(decoder.TryDecode(Encoding.UTF8.GetBytes(idle.Replace("\"safetyState\"", "\"safetyStatus\"", StringComparison.Ordinal)), out _));
        Assert.False(decoder.TryDecode(Encoding.UTF8.GetBytes("{\"headerId\":4," + idle[1..]), out _));
        Assert.False(decoder.TryDecode(Encoding.UTF8.GetBytes(idle.Replace("\"2.0.0\"", "\"3.0.0\"", StringComparison.Ordinal)), out _));
        Assert.False(decoder.TryDecode(Encoding.UTF8.GetBytes(idle[..^1]), out _));
        Assert.False(decoder.TryDecode(Encoding.UTF8.GetBytes(idle + "x"), out _));
        Assert.False(new ReusedStateDecoder("3.0.0").TryDecode(Encoding.UTF8.GetBytes(idle), out _));
        Assert.True(decoder.TryDecode(Encoding.UTF8.GetBytes(idle.Replace("\"2.0.0\"", "\"2.1.0\"", StringComparison.Ordinal)), out State s));
        Assert.Equal("2.1.0", s.Version); // same major: the codec accepts it too
    }

    [Fact]
    public void Decoding_a_robots_repeated_idle_state_in_place_allocates_nothing()
    {
        byte[] json = Vda5050Codec.Encode(Idle("r1", 3));
        var decoder = new ReusedStateDecoder("2.0.0");
        Allocations.AssertZero(() => Assert.True(decoder.TryDecode(json, out _)));
    }

    [Fact]
    public void Decoding_idle_states_that_differ_in_header_id_and_timestamp_allocates_only_the_timestamp_string()
    {
        const int States = 1000;
        byte[][] jsons = new byte[States][];
        var start = new DateTimeOffset(2026, 12, 6, 23, 0, 0, TimeSpan.Zero);
        for (int i = 0; i < States; i++)
        {
            State s = Idle("r1", (uint)i);
            s.Timestamp = Vda5050Codec.FormatTimestamp(start.AddMilliseconds(100 * i));
            jsons[i] = Vda5050Codec.Encode(s);
        }

        var decoder = new ReusedStateDecoder("2.0.0");
        int next = 0;
        long bytes = Allocations.Measure(() => decoder.TryDecode(jsons[next++ % States], out _), States - 1);
        Assert.Equal((States - 1) * 72L, bytes); // a 24-character string: 72 B on x64
    }

    [Theory]
    [InlineData(false)] // an unplaced robot (no last node yet)
    [InlineData(true)] // a robot standing on a node
    public async Task The_manager_takes_a_robots_repeated_idle_state_and_its_in_place_decode_without_allocating(bool placed)
    {
        var site = StrategicTech.Fleet.Site.FleetSite.Bundled();
        string db = Path.Combine(Path.GetTempPath(), "fleet-idle-alloc-" + Guid.NewGuid().ToString("N") + ".db");
        try
        {
            var store = new StrategicTech.Fleet.Orders.SqliteFleetStore(db);
            var manager = new StrategicTech.Fleet.Core.FleetManager(site, store, new StrategicTech.Navigation.Time.ManualClock(), TimeProvider.System);
            State idle = Idle("r1", 3);
            idle.LastNodeId = placed ? site.NodeIdOfVertex(0) : string.Empty;
            byte[] json = Vda5050Codec.Encode(idle);
            var decoder = new ReusedStateDecoder("2.0.0");
            Assert.True(decoder.TryDecode(json, out State first));
            manager.OnState(first); // the robot becomes known (its record is made once)
            // Was 24 B per state: the closure of a lambda in the robot lookup, made on every call though used only for a new robot.
            Allocations.AssertZero(() => manager.OnState(first));
            Allocations.AssertZero(() => decoder.TryDecode(json, out _));
            Assert.Equal(placed ? 0 : -1, manager.Robots().Single().Vertex);
            await store.DisposeAsync();
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(db);
        }
    }

    private static State Idle(string serial, uint headerId)
    {
        State s = StateLoad.IdleState();
        s.HeaderId = headerId;
        s.Timestamp = "2026-12-06T23:00:00.000Z";
        s.Version = "2.0.0";
        s.Manufacturer = "Bench";
        s.SerialNumber = serial;
        return s;
    }

    /// <summary>The state's JSON with <paramref name="member"/> set to <paramref name="value"/> (replaced when present, else added first).</summary>
    private static string WithMember(string json, string member, string value)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        node.Remove(member);
        return "{\"" + member + "\":" + value + "," + node.ToJsonString()[1..];
    }
}
