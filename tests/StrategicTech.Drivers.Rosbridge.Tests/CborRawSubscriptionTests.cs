using System.Formats.Cbor;
using System.Text.Json;
using StrategicTech.Drivers.Rosbridge.Client;
using StrategicTech.Drivers.Rosbridge.Codec;
using StrategicTech.Drivers.Rosbridge.Messages;
using StrategicTech.Drivers.Rosbridge.Protocol;

namespace StrategicTech.Drivers.Rosbridge.Tests;

/// <summary>The client's side of cbor-raw, fed frames directly (no socket): decode, bad payloads, fallback.</summary>
public sealed class CborRawSubscriptionTests
{
    private static readonly SubscribeOptions Raw = new() { Compression = RosbridgeCompression.CborRaw };

    private static string Canonical<T>(T message, RosType<T> type) => JsonSerializer.Serialize(message, type.Contract);

    [Fact]
    public async Task A_cbor_raw_publish_frame_is_decoded_from_its_CDR_bytes()
    {
        await using var client = new RosbridgeClient(new Uri("ws://127.0.0.1:9"));
        TopicSubscription<LaserScan> scan = client.Subscribe("/scan", RosTypes.LaserScan, Raw);
        LaserScan sent = MessageSamples.Scan360(4);

        client.HandleFrame(RosbridgeFrames.PublishCborRaw("/scan", RosTypes.LaserScan.Cdr!.Serialize(sent), 1_712_500_000), binary: true);

        Assert.True(scan.TryGetLatest(out LaserScan got, out long sequence));
        Assert.Equal(1, sequence);
        Assert.Equal(Canonical(sent, RosTypes.LaserScan), Canonical(got, RosTypes.LaserScan));
        Assert.Equal(0, client.Counters.BadFrames);
        Assert.Equal(RosbridgeCompression.CborRaw, scan.CompressionInUse);
    }

    [Fact]
    public async Task JSON_and_cbor_raw_subscriptions_of_one_topic_each_get_only_the_frames_of_their_encoding()
    {
        await using var client = new RosbridgeClient(new Uri("ws://127.0.0.1:9"));
        TopicSubscription<Odometry> json = client.Subscribe("/odom", RosTypes.Odometry);
        TopicSubscription<Odometry> raw = client.Subscribe("/odom", RosTypes.Odometry, Raw);
        Odometry sent = MessageSamples.Odometry(3);

        client.HandleFrame(RosbridgeFrames.PublishCborRaw("/odom", RosTypes.Odometry.Cdr!.Serialize(sent), 0), binary: true);
        client.HandleFrame(RosbridgeFrames.Publish("/odom", sent, RosTypes.Odometry.Contract), binary: false);

        Assert.Equal((1L, 1L), (json.Sequence, raw.Sequence));
        Assert.True(json.TryGetLatest(out Odometry a, out _));
        Assert.True(raw.TryGetLatest(out Odometry b, out _));
        Assert.Equal(Canonical(sent, RosTypes.Odometry), Canonical(a, RosTypes.Odometry));
        Assert.Equal(Canonical(sent, RosTypes.Odometry), Canonical(b, RosTypes.Odometry));
        Assert.Equal(0, client.Counters.BadFrames);
    }

    [Fact]
    public void A_cbor_raw_frame_carries_secs_nsecs_and_bytes_in_msg()
    {
        byte[] cdr = RosTypes.Twist.Cdr!.Serialize(default);

        var reader = new CborReader(RosbridgeFrames.PublishCborRaw("/cmd_vel", cdr, 12_345_678));

        Assert.Equal(3, reader.ReadStartMap());
        Assert.Equal(("op", "publish"), (reader.ReadTextString(), reader.ReadTextString()));
        Assert.Equal(("topic", "/cmd_vel"), (reader.ReadTextString(), reader.ReadTextString()));
        Assert.Equal("msg", reader.ReadTextString());
        Assert.Equal(3, reader.ReadStartMap());
        Assert.Equal(("secs", 12L), (reader.ReadTextString(), reader.ReadInt64()));
        Assert.Equal(("nsecs", 345_678_000L), (reader.ReadTextString(), reader.ReadInt64()));
        Assert.Equal("bytes", reader.ReadTextString());
        Assert.Equal(cdr, reader.ReadByteString());
    }

    [Fact]
    public async Task Undecodable_CDR_is_counted_as_a_bad_frame_and_moves_the_topic_to_JSON()
    {
        await using var client = new RosbridgeClient(new Uri("ws://127.0.0.1:9"));
        TopicSubscription<Odometry> odom = client.Subscribe("/odom", RosTypes.Odometry, Raw);
        byte[] cdr = RosTypes.Odometry.Cdr!.Serialize(MessageSamples.Odometry());

        client.HandleFrame(RosbridgeFrames.PublishCborRaw("/odom", cdr[..100], 0), binary: true); // truncated (a ROS 1 bridge's serialization fails likewise)

        Assert.Equal(0, odom.Sequence);
        Assert.Equal(1, client.Counters.InvalidCbor);
        Assert.Contains("cbor-raw /odom (nav_msgs/msg/Odometry)", client.Counters.LastError, StringComparison.Ordinal);
        Assert.Equal(1, client.Counters.CborFallbacks);
        Assert.Equal(RosbridgeCompression.None, odom.CompressionInUse);

        client.HandleFrame(RosbridgeFrames.Publish("/odom", MessageSamples.Odometry(), RosTypes.Odometry.Contract), binary: false);
        Assert.Equal(1, odom.Sequence);
    }

    [Fact]
    public async Task Plain_CBOR_sent_to_a_cbor_raw_subscription_is_a_bad_frame_not_a_crash()
    {
        await using var client = new RosbridgeClient(new Uri("ws://127.0.0.1:9"));
        TopicSubscription<Twist> cmd = client.Subscribe("/cmd_vel", RosTypes.Twist, Raw);

        client.HandleFrame(RosbridgeFrames.PublishCbor("/cmd_vel", new Twist(new Vector3(1, 0, 0), default)), binary: true);

        Assert.Equal(0, cmd.Sequence);
        Assert.Equal(1, client.Counters.InvalidCbor);
        Assert.Contains("lacks a 'bytes' byte string", client.Counters.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subscribing_cbor_raw_to_a_type_without_a_CDR_codec_is_refused()
    {
        await using var client = new RosbridgeClient(new Uri("ws://127.0.0.1:9"));

        var e = Assert.Throws<ArgumentException>(() => client.Subscribe("/trigger", RosTypes.TriggerResponse, Raw));
        Assert.Contains("std_srvs/srv/Trigger has none", e.Message, StringComparison.Ordinal);
    }
}
