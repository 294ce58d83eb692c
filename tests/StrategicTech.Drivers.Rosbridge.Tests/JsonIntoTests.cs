using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using StrategicTech.Drivers.Rosbridge.Client;
using StrategicTech.Drivers.Rosbridge.Messages;
using StrategicTech.Drivers.Rosbridge.Messages.Preallocated;
using StrategicTech.Drivers.Rosbridge.Protocol;

namespace StrategicTech.Drivers.Rosbridge.Tests;

/// <summary>
/// The in-place JSON decoder (Utf8JsonReader) keeps the contract decoder's rules: the same error, kind and text,
/// for every removed field and for wrong types; non-finite spellings and ROS 1 stamps decode alike.
/// </summary>
public sealed class JsonIntoTests
{
    private static byte[] JsonFrame(string topic, JsonObject msg) =>
        Encoding.UTF8.GetBytes(new JsonObject { ["op"] = "publish", ["topic"] = topic, ["msg"] = msg.DeepClone() }.ToJsonString());

    /// <summary>(counter kind, message) the object path and the preallocated path report for one frame.</summary>
    private static ((long, long, string?) Objects, (long, long, string?) Slots) Errors<T, TBuffer>(RosType<T> type, PreallocatedType<TBuffer> slotType, JsonObject msg)
        where T : notnull
        where TBuffer : class, IPreallocatedMessage
    {
        var objects = new RosbridgeClient(new Uri("ws://127.0.0.1:9"));
        var slots = new RosbridgeClient(new Uri("ws://127.0.0.1:9"));
        objects.Subscribe("/t", type);
        slots.SubscribePreallocated("/t", slotType);
        objects.HandleFrame(JsonFrame("/t", msg), binary: false);
        slots.HandleFrame(JsonFrame("/t", msg), binary: false);
        return ((objects.Counters.MissingField, objects.Counters.WrongType, objects.Counters.LastError),
            (slots.Counters.MissingField, slots.Counters.WrongType, slots.Counters.LastError));
    }

    private static int CheckEveryFieldRemoved<T, TBuffer>(RosType<T> type, PreallocatedType<TBuffer> slotType, T sample)
        where T : notnull
        where TBuffer : class, IPreallocatedMessage
    {
        JsonObject whole = JsonSerializer.SerializeToNode(sample, type.Contract)!.AsObject();
        List<string> paths = RequiredFieldTests.FieldPaths(whole);
        foreach (string path in paths)
        {
            ((long, long, string?) objects, (long, long, string?) slots) = Errors(type, slotType, RequiredFieldTests.Without(whole, path));
            Assert.Equal((1L, 0L, $"{type.Name}.{path} missing"), slots);
            Assert.Equal(objects, slots);
        }

        return paths.Count;
    }

    [Fact]
    public void Removing_any_field_of_a_scan_odometry_or_imu_names_the_same_missing_path_as_the_contract_decoder()
    {
        int scan = CheckEveryFieldRemoved(RosTypes.LaserScan, PreallocatedTypes.LaserScan(), MessageSamples.Scan360(1));
        int odom = CheckEveryFieldRemoved(RosTypes.Odometry, PreallocatedTypes.Odometry, MessageSamples.Odometry(1));
        int imu = CheckEveryFieldRemoved(RosTypes.Imu, PreallocatedTypes.Imu, PreallocatedSubscriptionTests.ImuSample(1));

        Assert.Equal((14, 29, 21), (scan, odom, imu)); // every leaf and every object of the three types
    }

    [Theory]
    [InlineData("angle_min", "\"fast\"")]
    [InlineData("ranges", "{}")]
    [InlineData("header", "[]")]
    [InlineData("header.stamp.sec", "1.5")]
    [InlineData("header.frame_id", "7")]
    public void A_scan_field_of_the_wrong_JSON_type_is_counted_as_wrong_type_naming_the_field(string path, string value)
    {
        JsonObject msg = JsonSerializer.SerializeToNode(MessageSamples.Scan360(1), RosTypes.LaserScan.Contract)!.AsObject();
        string[] parts = path.Split('.');
        JsonNode node = msg;
        foreach (string part in parts[..^1])
        {
            node = node[part]!;
        }

        node[parts[^1]] = JsonNode.Parse(value);

        ((long, long, string?) objects, (long, long, string?) slots) = Errors(RosTypes.LaserScan, PreallocatedTypes.LaserScan(), msg);

        Assert.Equal((0L, 1L), (objects.Item1, objects.Item2));
        Assert.Equal((0L, 1L), (slots.Item1, slots.Item2));
        Assert.StartsWith($"sensor_msgs/msg/LaserScan.{path} wrong type", slots.Item3, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Null_NaN_and_Infinity_spellings_and_ROS_1_secs_nsecs_decode_as_the_contract_decoder_does()
    {
        const string msg = """
            {"header":{"stamp":{"secs":12,"nsecs":345000},"frame_id":"las\u0065r"},"angle_min":null,"angle_max":"Infinity",
             "angle_increment":"-inf","time_increment":0,"scan_time":0.1,"range_min":0.1,"range_max":12,
             "ranges":[1.5,null,"NaN","Infinity",2],"intensities":[],"extra":{"ignored":[1,2]}}
            """;
        byte[] frame = Encoding.UTF8.GetBytes("{\"op\":\"publish\",\"topic\":\"/scan\",\"msg\":" + msg + "}");
        await using var client = new RosbridgeClient(new Uri("ws://127.0.0.1:9"));
        TopicSubscription<LaserScan> objects = client.Subscribe("/scan", RosTypes.LaserScan);
        PreallocatedSubscription<LaserScanBuffer> slots = client.SubscribePreallocated("/scan", PreallocatedTypes.LaserScan(2));

        client.HandleFrame(frame, binary: false);

        Assert.Equal(0, client.Counters.BadFrames);
        Assert.True(objects.TryGetLatest(out LaserScan o, out _));
        Assert.True(slots.TryRead(out LaserScanBuffer b));
        Assert.Equal(JsonSerializer.Serialize(o, RosTypes.LaserScan.Contract), JsonSerializer.Serialize(b.ToMessage(), RosTypes.LaserScan.Contract));
        Assert.Equal("laser", b.FrameId.Value);
        Assert.Equal(new RosTime(12, 345000), b.Stamp);
        Assert.Equal(5, b.Ranges.Length); // grew past the 2-beam preallocation
        Assert.True(float.IsNaN(b.Ranges[1]) && float.IsNaN(b.Ranges[2]) && float.IsPositiveInfinity(b.Ranges[3]));
    }
}
