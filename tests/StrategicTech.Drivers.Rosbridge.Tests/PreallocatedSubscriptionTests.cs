using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using StrategicTech.Drivers.Rosbridge.Client;
using StrategicTech.Drivers.Rosbridge.Codec;
using StrategicTech.Drivers.Rosbridge.Messages;
using StrategicTech.Drivers.Rosbridge.Messages.Preallocated;
using StrategicTech.Drivers.Rosbridge.Protocol;
using StrategicTech.TestSupport;

namespace StrategicTech.Drivers.Rosbridge.Tests;

/// <summary>
/// The client's preallocated subscriptions, fed frames directly (no socket): JSON, CBOR and cbor-raw publishes land
/// in ring slots with the values the object decoders give, 0 B per frame; ring order, latest, drops; fragments;
/// CBOR fallback; a topic shared with an object subscription.
/// </summary>
public sealed class PreallocatedSubscriptionTests
{
    private static readonly SubscribeOptions Cbor = new() { Compression = RosbridgeCompression.Cbor };
    private static readonly SubscribeOptions Raw = new() { Compression = RosbridgeCompression.CborRaw };

    private static string Canonical<T>(T message, RosType<T> type) => JsonSerializer.Serialize(message, type.Contract);

    internal static Imu ImuSample(int seed)
    {
        var random = new Random(seed);
        double[] Cov() => [.. Enumerable.Range(0, 9).Select(_ => random.NextDouble() * 1e-3)];
        return new Imu(new Header(new RosTime(seed, 9), "imu_link"), Quaternion.FromYaw(random.NextDouble()), Cov(),
            new Vector3(0.01, -0.02, random.NextDouble()), Cov(), new Vector3(random.NextDouble(), 0, 9.80665), Cov());
    }

    private static RosbridgeClient Client() => new(new Uri("ws://127.0.0.1:9"));

    private static byte[] Frame<T>(string topic, T message, RosType<T> type, string encoding) => encoding switch
    {
        RosbridgeCompression.Cbor => RosbridgeFrames.PublishCbor(topic, message),
        RosbridgeCompression.CborRaw => RosbridgeFrames.PublishCborRaw(topic, type.Cdr!.Serialize(message), 1_000),
        _ => RosbridgeFrames.Publish(topic, message, type.Contract),
    };

    private static SubscribeOptions Options(string encoding) =>
        encoding == RosbridgeCompression.Cbor ? Cbor : encoding == RosbridgeCompression.CborRaw ? Raw : SubscribeOptions.Default;

    [Theory]
    [InlineData(RosbridgeCompression.None)]
    [InlineData(RosbridgeCompression.Cbor)]
    [InlineData(RosbridgeCompression.CborRaw)]
    public async Task Scan_odometry_and_imu_publishes_land_in_slots_with_the_values_the_object_decoder_gives(string encoding)
    {
        await using RosbridgeClient client = Client();
        PreallocatedSubscription<LaserScanBuffer> scan = client.SubscribePreallocated("/scan", PreallocatedTypes.LaserScan(), Options(encoding));
        PreallocatedSubscription<OdometryBuffer> odom = client.SubscribePreallocated("/odom", PreallocatedTypes.Odometry, Options(encoding));
        PreallocatedSubscription<ImuBuffer> imu = client.SubscribePreallocated("/imu", PreallocatedTypes.Imu, Options(encoding));
        LaserScan sentScan = MessageSamples.Scan360(5) with { Intensities = [.. Enumerable.Range(0, 360).Select(i => (float)i)] };
        Odometry sentOdom = MessageSamples.Odometry(5);
        Imu sentImu = ImuSample(5);
        bool binary = encoding != RosbridgeCompression.None;

        client.HandleFrame(Frame("/scan", sentScan, RosTypes.LaserScan, encoding), binary);
        client.HandleFrame(Frame("/odom", sentOdom, RosTypes.Odometry, encoding), binary);
        client.HandleFrame(Frame("/imu", sentImu, RosTypes.Imu, encoding), binary);

        Assert.Equal(0, client.Counters.BadFrames);
        Assert.True(scan.TryRead(out LaserScanBuffer s));
        Assert.True(odom.TryRead(out OdometryBuffer o));
        Assert.True(imu.TryRead(out ImuBuffer m));
        Assert.Equal(Canonical(sentScan, RosTypes.LaserScan), Canonical(s.ToMessage(), RosTypes.LaserScan));
        Assert.Equal(Canonical(sentOdom, RosTypes.Odometry), Canonical(o.ToMessage(), RosTypes.Odometry));
        Assert.Equal(Canonical(sentImu, RosTypes.Imu), Canonical(m.ToMessage(), RosTypes.Imu));
        Assert.Equal(sentOdom.Header.Stamp.ToMicroseconds(), odom.LatestStampUs);
    }

    [Theory]
    [InlineData(RosbridgeCompression.None)]
    [InlineData(RosbridgeCompression.Cbor)]
    [InlineData(RosbridgeCompression.CborRaw)]
    public async Task Receiving_a_360_beam_scan_and_an_odometry_and_handing_them_to_the_consumer_allocates_nothing(string encoding)
    {
        await using RosbridgeClient client = Client();
        PreallocatedSubscription<LaserScanBuffer> scan = client.SubscribePreallocated("/scan", PreallocatedTypes.LaserScan(), Options(encoding), capacity: 4);
        PreallocatedSubscription<OdometryBuffer> odom = client.SubscribePreallocated("/odom", PreallocatedTypes.Odometry, Options(encoding), capacity: 4);
        PreallocatedSubscription<ImuBuffer> imu = client.SubscribePreallocated("/imu", PreallocatedTypes.Imu, Options(encoding), capacity: 4);
        byte[] scanFrame = Frame("/scan", MessageSamples.Scan360(2), RosTypes.LaserScan, encoding);
        byte[] odomFrame = Frame("/odom", MessageSamples.Odometry(2), RosTypes.Odometry, encoding);
        byte[] imuFrame = Frame("/imu", ImuSample(2), RosTypes.Imu, encoding);
        bool binary = encoding != RosbridgeCompression.None;
        double rangeSum = 0;

        Allocations.AssertZero(() =>
        {
            client.HandleFrame(scanFrame, binary);
            client.HandleFrame(odomFrame, binary);
            client.HandleFrame(imuFrame, binary);
            while (scan.TryRead(out LaserScanBuffer s))
            {
                rangeSum += s.Ranges[0];
            }

            while (odom.TryRead(out OdometryBuffer o))
            {
                rangeSum += o.Pose.Position.X;
            }

            imu.TryTakeLatest(out _);
        });

        Assert.Equal(0, client.Counters.BadFrames);
        Assert.Equal(0, scan.Dropped + odom.Dropped + imu.Dropped);
        Assert.True(rangeSum > 0);
    }

    [Fact]
    public async Task A_full_ring_refuses_and_counts_the_newest_the_consumer_reads_in_order_and_latest_skips_to_the_newest()
    {
        await using RosbridgeClient client = Client();
        PreallocatedSubscription<OdometryBuffer> odom = client.SubscribePreallocated("/odom", PreallocatedTypes.Odometry, capacity: 3);

        for (int i = 1; i <= 5; i++)
        {
            client.HandleFrame(RosbridgeFrames.Publish("/odom", MessageSamples.Odometry(i), RosTypes.Odometry.Contract), binary: false);
        }

        Assert.Equal((5L, 2L, 3), (odom.Sequence, odom.Dropped, odom.Pending));
        Assert.Equal(5_000_005L, odom.LatestStampUs); // decoded, though refused
        Assert.True(odom.TryRead(out OdometryBuffer first));
        Assert.Equal(1, first.Stamp.Sec);
        Assert.True(odom.TryRead(out OdometryBuffer second));
        Assert.Equal(2, second.Stamp.Sec);

        // The held slot (2) and the pending one (3) count against the capacity: 4 fills the ring, 5 and 6 are refused.
        for (int i = 4; i <= 6; i++)
        {
            client.HandleFrame(RosbridgeFrames.Publish("/odom", MessageSamples.Odometry(i), RosTypes.Odometry.Contract), binary: false);
        }

        Assert.Equal(2, second.Stamp.Sec);
        Assert.Equal(4L, odom.Dropped);
        Assert.True(odom.TryTakeLatest(out OdometryBuffer latest));
        Assert.Equal(4, latest.Stamp.Sec);
        Assert.False(odom.TryRead(out _));
        Assert.Equal(0, odom.Pending);
    }

    [Fact]
    public async Task A_fragmented_JSON_publish_is_reassembled_and_decoded_into_a_slot()
    {
        await using RosbridgeClient client = Client();
        PreallocatedSubscription<LaserScanBuffer> scan = client.SubscribePreallocated("/scan", PreallocatedTypes.LaserScan());
        LaserScan sent = MessageSamples.Scan360(9);
        IReadOnlyList<byte[]> fragments = RosbridgeFrames.Fragment(RosbridgeFrames.Publish("/scan", sent, RosTypes.LaserScan.Contract), 500, "frag-1");
        Assert.True(fragments.Count > 3);

        foreach (byte[] fragment in fragments.Reverse())
        {
            client.HandleFrame(fragment, binary: false);
        }

        Assert.True(scan.TryRead(out LaserScanBuffer got));
        Assert.Equal(Canonical(sent, RosTypes.LaserScan), Canonical(got.ToMessage(), RosTypes.LaserScan));
        Assert.Equal(0, client.Counters.BadFrames);
    }

    [Fact]
    public async Task A_CBOR_publish_that_fails_to_decode_is_counted_and_moves_the_subscription_to_JSON_which_then_delivers()
    {
        await using RosbridgeClient client = Client();
        PreallocatedSubscription<OdometryBuffer> odom = client.SubscribePreallocated("/odom", PreallocatedTypes.Odometry, Cbor);
        JsonObject broken = JsonSerializer.SerializeToNode(MessageSamples.Odometry(1), RosTypes.Odometry.Contract)!.AsObject();
        broken.Remove("twist");
        var writer = new System.Formats.Cbor.CborWriter();
        RequiredFieldTests.WriteCbor(writer, new JsonObject { ["op"] = "publish", ["topic"] = "/odom", ["msg"] = broken });

        client.HandleFrame(writer.Encode(), binary: true);

        Assert.Equal((1L, 1L, 0L), (client.Counters.MissingField, client.Counters.CborFallbacks, odom.Sequence));
        Assert.Equal("nav_msgs/msg/Odometry.twist missing", client.Counters.LastError);
        Assert.Equal(RosbridgeCompression.None, odom.CompressionInUse);
        client.HandleFrame(RosbridgeFrames.Publish("/odom", MessageSamples.Odometry(2), RosTypes.Odometry.Contract), binary: false);
        Assert.True(odom.TryRead(out OdometryBuffer got));
        Assert.Equal(2, got.Stamp.Sec);
    }

    [Fact]
    public async Task An_object_subscription_and_a_preallocated_one_of_one_topic_each_get_every_publish_once()
    {
        await using RosbridgeClient client = Client();
        TopicSubscription<Odometry> objects = client.Subscribe("/odom", RosTypes.Odometry);
        PreallocatedSubscription<OdometryBuffer> slots = client.SubscribePreallocated("/odom", PreallocatedTypes.Odometry);

        client.HandleFrame(RosbridgeFrames.Publish("/odom", MessageSamples.Odometry(1), RosTypes.Odometry.Contract), binary: false);
        client.HandleFrame(RosbridgeFrames.Publish("/odom", MessageSamples.Odometry(2), RosTypes.Odometry.Contract), binary: false);

        Assert.Equal((2L, 2L), (objects.Sequence, slots.Sequence));
        Assert.True(objects.TryGetLatest(out Odometry o, out _));
        Assert.True(slots.TryTakeLatest(out OdometryBuffer b));
        Assert.Equal(Canonical(o, RosTypes.Odometry), Canonical(b.ToMessage(), RosTypes.Odometry));
        Assert.Equal(0, client.Counters.BadFrames);
    }

    [Fact]
    public async Task After_unsubscribing_a_preallocated_subscription_its_topic_goes_to_nobody_and_counts_nothing_bad()
    {
        await using RosbridgeClient client = Client();
        PreallocatedSubscription<OdometryBuffer> odom = client.SubscribePreallocated("/odom", PreallocatedTypes.Odometry);
        client.Unsubscribe(odom);

        client.HandleFrame(RosbridgeFrames.Publish("/odom", MessageSamples.Odometry(1), RosTypes.Odometry.Contract), binary: false);

        Assert.Equal((0L, 0L), (odom.Sequence, client.Counters.BadFrames));
    }
}
