using System.Formats.Cbor;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using StrategicTech.Drivers.Rosbridge.Client;
using StrategicTech.Drivers.Rosbridge.Messages;
using StrategicTech.Drivers.Rosbridge.Protocol;

namespace StrategicTech.Drivers.Rosbridge.Tests;

/// <summary>
/// Every typed message rejects a publish that lacks any one of its fields, in JSON and in CBOR: the error names the
/// ROS type and the field path, the client counts it as a bad frame, and the subscription receives nothing.
/// </summary>
public sealed class RequiredFieldTests
{
    private static readonly SubscribeOptions Cbor = new() { Compression = RosbridgeCompression.Cbor };

    /// <summary>Every RosTypes entry with a sample message, as (type, sample).</summary>
    private static IEnumerable<(object RosType, object Sample)> TypesWithSamples(int seed)
    {
        IReadOnlyList<(object Message, Type Type)> samples = MessageSamples.All(seed, finiteOnly: true);
        foreach (PropertyInfo property in typeof(RosTypes).GetProperties(BindingFlags.Public | BindingFlags.Static))
        {
            Type messageType = property.PropertyType.GetGenericArguments()[0];
            foreach ((object message, Type type) in samples)
            {
                if (type == messageType)
                {
                    yield return (property.GetValue(null)!, message);
                    break;
                }
            }
        }
    }

    /// <summary>The dotted path of every field of a message (objects recursed, the first element of a message array).</summary>
    internal static List<string> FieldPaths(JsonObject message, string prefix = "")
    {
        var paths = new List<string>();
        foreach ((string name, JsonNode? value) in message)
        {
            string path = prefix.Length == 0 ? name : prefix + "." + name;
            paths.Add(path);
            if (value is JsonObject inner)
            {
                paths.AddRange(FieldPaths(inner, path));
            }
            else if (value is JsonArray { Count: > 0 } array && array[0] is JsonObject first)
            {
                paths.AddRange(FieldPaths(first, path + "[0]"));
            }
        }

        return paths;
    }

    internal static JsonObject Without(JsonObject message, string path)
    {
        var copy = (JsonObject)message.DeepClone();
        string[] parts = path.Split('.');
        JsonNode node = copy;
        foreach (string part in parts[..^1])
        {
            node = part.EndsWith("[0]", StringComparison.Ordinal) ? node[part[..^3]]![0]! : node[part]!;
        }

        Assert.True(((JsonObject)node).Remove(parts[^1]), path);
        return copy;
    }

    private static byte[] JsonFrame(string topic, JsonObject msg) =>
        System.Text.Encoding.UTF8.GetBytes(new JsonObject { ["op"] = "publish", ["topic"] = topic, ["msg"] = msg }.ToJsonString());

    private static byte[] CborFrame(string topic, JsonObject msg)
    {
        var writer = new CborWriter();
        WriteCbor(writer, new JsonObject { ["op"] = "publish", ["topic"] = topic, ["msg"] = msg.DeepClone() });
        return writer.Encode();
    }

    internal static void WriteCbor(CborWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                writer.WriteStartMap(o.Count);
                foreach ((string name, JsonNode? value) in o)
                {
                    writer.WriteTextString(name);
                    WriteCbor(writer, value);
                }

                writer.WriteEndMap();
                break;
            case JsonArray a:
                writer.WriteStartArray(a.Count);
                foreach (JsonNode? item in a)
                {
                    WriteCbor(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                writer.WriteTextString(v.GetValue<string>());
                break;
            case JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False:
                writer.WriteBoolean(v.GetValue<bool>());
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.Number:
                // Integers stay integers (as rosbridge's CBOR encoder writes a ROS int field), everything else a double.
                using (JsonDocument number = JsonDocument.Parse(v.ToJsonString()))
                {
                    if (number.RootElement.TryGetInt64(out long integer))
                    {
                        writer.WriteInt64(integer);
                    }
                    else
                    {
                        writer.WriteDouble(number.RootElement.GetDouble());
                    }
                }

                break;
            default:
                writer.WriteNull();
                break;
        }
    }

    private static int CheckEveryFieldRemoved<T>(RosType<T> type, T sample)
        where T : notnull
    {
        var client = new RosbridgeClient(new Uri("ws://127.0.0.1:9"));
        TopicSubscription<T> json = client.Subscribe("/json", type);
        TopicSubscription<T> cbor = client.Subscribe("/cbor", type, Cbor);
        var whole = (JsonObject)JsonNode.Parse(JsonSerializer.Serialize(sample, type.Contract))!;
        List<string> paths = FieldPaths(whole);
        long missing = 0;
        foreach (string path in paths)
        {
            string expected = $"{type.Name}.{path} missing";
            client.HandleFrame(JsonFrame("/json", Without(whole, path)), binary: false);
            Assert.Equal((++missing, expected), (client.Counters.MissingField, client.Counters.LastError));
            client.HandleFrame(CborFrame("/cbor", Without(whole, path)), binary: true);
            Assert.Equal((++missing, expected), (client.Counters.MissingField, client.Counters.LastError));
        }

        Assert.Equal((0L, 0L), (json.Sequence, cbor.Sequence));
        Assert.Equal(missing, client.Counters.BadFrames);

        // The whole message still decodes in both encodings (the removal, not the harness, caused each rejection).
        client.HandleFrame(JsonFrame("/json", whole), binary: false);
        client.HandleFrame(CborFrame("/cbor", whole), binary: true);
        Assert.Equal((1L, 1L, missing), (json.Sequence, cbor.Sequence, client.Counters.BadFrames));
        return paths.Count;
    }

    private static int CheckType(object rosType, object sample) =>
        (int)typeof(RequiredFieldTests).GetMethod(nameof(CheckEveryFieldRemoved), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(rosType.GetType().GetGenericArguments()[0])
            .Invoke(null, [rosType, sample])!;

    [Property(MaxTest = 8)]
    public Property Removing_any_one_field_of_any_message_type_is_rejected_in_JSON_and_CBOR_naming_type_and_path(int seed)
    {
        int types = 0, fields = 0;
        foreach ((object rosType, object sample) in TypesWithSamples(seed))
        {
            fields += CheckType(rosType, sample);
            types++;
        }

        return (types >= 18 && fields > 150).ToProperty().Label($"types {types}, fields {fields}");
    }

    [Fact]
    public void Odometry_without_position_x_is_named_with_its_full_path_and_counted()
    {
        var client = new RosbridgeClient(new Uri("ws://127.0.0.1:9"));
        TopicSubscription<Odometry> odom = client.Subscribe("/odom", RosTypes.Odometry);
        var msg = (JsonObject)JsonNode.Parse(JsonSerializer.Serialize(MessageSamples.Odometry(), RosTypes.Odometry.Contract))!;

        client.HandleFrame(JsonFrame("/odom", Without(msg, "pose.pose.position.x")), binary: false);

        Assert.Equal("nav_msgs/msg/Odometry.pose.pose.position.x missing", client.Counters.LastError);
        Assert.Equal((1L, 1L, 0L), (client.Counters.MissingField, client.Counters.BadFrames, odom.Sequence));
    }

    [Fact]
    public void A_null_string_field_is_missing_but_a_null_float_is_NaN()
    {
        var client = new RosbridgeClient(new Uri("ws://127.0.0.1:9"));
        TopicSubscription<LaserScan> scan = client.Subscribe("/scan", RosTypes.LaserScan);
        var msg = (JsonObject)JsonNode.Parse(JsonSerializer.Serialize(MessageSamples.Scan360(), RosTypes.LaserScan.Contract))!;
        var nullFrame = (JsonObject)msg.DeepClone();
        nullFrame["header"]!["frame_id"] = null;
        var nullFloat = (JsonObject)msg.DeepClone();
        nullFloat["scan_time"] = null;

        client.HandleFrame(JsonFrame("/scan", nullFrame), binary: false);
        client.HandleFrame(JsonFrame("/scan", nullFloat), binary: false);

        Assert.Equal("sensor_msgs/msg/LaserScan.header.frame_id missing", client.Counters.LastError);
        Assert.True(scan.TryGetLatest(out LaserScan got, out long sequence));
        Assert.Equal((1L, 1L), (sequence, client.Counters.MissingField));
        Assert.True(float.IsNaN(got.ScanTime));
    }

    [Fact]
    public void A_field_of_the_wrong_JSON_type_is_counted_as_wrong_type_naming_type_and_path()
    {
        var client = new RosbridgeClient(new Uri("ws://127.0.0.1:9"));
        TopicSubscription<Odometry> odom = client.Subscribe("/odom", RosTypes.Odometry);
        var msg = (JsonObject)JsonNode.Parse(JsonSerializer.Serialize(MessageSamples.Odometry(), RosTypes.Odometry.Contract))!;
        msg["twist"]!["twist"]!["angular"]!["z"] = "fast";

        client.HandleFrame(JsonFrame("/odom", msg), binary: false);

        Assert.StartsWith("nav_msgs/msg/Odometry.twist.twist.angular.z wrong type", client.Counters.LastError, StringComparison.Ordinal);
        Assert.Equal((1L, 0L, 0L), (client.Counters.WrongType, client.Counters.MissingField, odom.Sequence));
    }

    [Fact]
    public void A_time_without_nanosec_is_missing_in_JSON_and_in_ROS1_spelling()
    {
        var client = new RosbridgeClient(new Uri("ws://127.0.0.1:9"));
        TopicSubscription<PoseStamped> pose = client.Subscribe("/goal", RosTypes.PoseStamped);
        var msg = (JsonObject)JsonNode.Parse(JsonSerializer.Serialize(new PoseStamped(new Header(new RosTime(5, 6), "map"), default), RosTypes.PoseStamped.Contract))!;
        msg["header"]!["stamp"] = new JsonObject { ["secs"] = 5 };

        client.HandleFrame(JsonFrame("/goal", msg), binary: false);

        Assert.Equal("geometry_msgs/msg/PoseStamped.header.stamp.nanosec missing", client.Counters.LastError);
        Assert.Equal((1L, 0L), (client.Counters.MissingField, pose.Sequence));
    }
}
