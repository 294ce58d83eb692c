using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using StrategicTech.Drivers.Rosbridge.Client;
using StrategicTech.Drivers.Rosbridge.Messages;
using StrategicTech.Drivers.Rosbridge.Protocol;
using StrategicTech.Navigation.Time;
using StrategicTech.Sim.Ros;

namespace StrategicTech.Sim.Tests.Ros;

/// <summary>compression cbor-raw end to end: our client against our server over loopback, compared with JSON.</summary>
public sealed class RosbridgeCborRawTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private static readonly SubscribeOptions Raw = new() { Compression = RosbridgeCompression.CborRaw };

    private static LaserScan Scan(int i, string frame)
    {
        var random = new Random(i);
        float[] ranges = [.. Enumerable.Range(0, 360).Select(_ => random.Next(20) == 0 ? float.PositiveInfinity : (float)(0.12 + (random.NextDouble() * 11.8)))];
        return new LaserScan(new Header(new RosTime(i, 100u * (uint)i), frame), -3.1415927f, 3.1415927f, 0.017453292f, 0.0002777f, 0.1f, 0.12f, 12f, ranges, [.. ranges.Select(r => r / 2)]);
    }

    private static Odometry Odom(int i, string frame)
    {
        var random = new Random(i);
        double[] Cov() => [.. Enumerable.Range(0, 36).Select(_ => random.NextDouble())];
        return new Odometry(new Header(new RosTime(i, 7), frame), "base_footprint",
            new PoseWithCovariance(new Pose(new Point(random.NextDouble(), -random.NextDouble(), 0), Quaternion.FromYaw(random.NextDouble())), Cov()),
            new TwistWithCovariance(new Twist(new Vector3(0.3 * random.NextDouble(), 0, 0), new Vector3(0, 0, -0.2)), Cov()));
    }

    private static Imu ImuSample(int i, string frame)
    {
        var random = new Random(i);
        double[] Cov() => [.. Enumerable.Range(0, 9).Select(_ => random.NextDouble() * 1e-3)];
        return new Imu(new Header(new RosTime(i, 9), frame), Quaternion.FromYaw(random.NextDouble()), Cov(),
            new Vector3(0, 0, random.NextDouble()), Cov(), new Vector3(random.NextDouble(), 0, 9.80665), Cov());
    }

    /// <summary>Collects what one subscription delivers whose frame id is not the probe's.</summary>
    private sealed class Collector<T>
        where T : notnull
    {
        public Collector(TopicSubscription<T> subscription, Func<T, string> frameOf)
        {
            Subscription = subscription;
            subscription.Received += m =>
            {
                if (frameOf(m) != "probe")
                {
                    Messages.Enqueue(m);
                }
            };
        }

        public TopicSubscription<T> Subscription { get; }

        public ConcurrentQueue<T> Messages { get; } = new();
    }

    private static async Task WaitUntilAsync(Func<bool> done, Func<string> state, Action? each = null)
    {
        var clock = Stopwatch.StartNew();
        while (!done())
        {
            Assert.True(clock.Elapsed < Wait, "timed out waiting for messages: " + state());
            each?.Invoke();
            await Task.Delay(20);
        }
    }

    private static void AssertSame<T>(Collector<T> json, Collector<T> raw, RosType<T> type, int count)
        where T : notnull
    {
        string[] a = [.. json.Messages.Select(m => JsonSerializer.Serialize(m, type.Contract))];
        string[] b = [.. raw.Messages.Select(m => JsonSerializer.Serialize(m, type.Contract))];
        Assert.Equal(count, a.Length);
        Assert.Equal(a, b);
        Assert.Equal(RosbridgeCompression.CborRaw, raw.Subscription.CompressionInUse);
    }

    [Fact]
    public async Task A_cbor_raw_subscriber_receives_the_same_scans_odometry_imu_and_latched_map_as_a_JSON_subscriber()
    {
        var clock = new ManualClock(1_000_000);
        await using RosbridgeServer server = await RosbridgeServer.StartAsync(0, clock);
        server.AddTopic("/scan", RosTypes.LaserScan);
        server.AddTopic("/odom", RosTypes.Odometry);
        server.AddTopic("/imu", RosTypes.Imu);
        server.AddTopic("/map", RosTypes.OccupancyGrid, latched: true);
        var map = new OccupancyGrid(new Header(new RosTime(1, 0), "map"),
            new MapMetaData(new RosTime(1, 0), 0.05f, 40, 30, new Pose(new Point(-1, -2, 0), Quaternion.Identity)),
            [.. Enumerable.Range(0, 1200).Select(i => (sbyte)((i % 102) - 1))]);
        server.Publish("/map", RosTypes.OccupancyGrid, map);

        await using var client = new RosbridgeClient(server.Uri);
        var scanJson = new Collector<LaserScan>(client.Subscribe("/scan", RosTypes.LaserScan), m => m.Header.FrameId);
        var scanRaw = new Collector<LaserScan>(client.Subscribe("/scan", RosTypes.LaserScan, Raw), m => m.Header.FrameId);
        var odomJson = new Collector<Odometry>(client.Subscribe("/odom", RosTypes.Odometry), m => m.Header.FrameId);
        var odomRaw = new Collector<Odometry>(client.Subscribe("/odom", RosTypes.Odometry, Raw), m => m.Header.FrameId);
        var imuJson = new Collector<Imu>(client.Subscribe("/imu", RosTypes.Imu), m => m.Header.FrameId);
        var imuRaw = new Collector<Imu>(client.Subscribe("/imu", RosTypes.Imu, Raw), m => m.Header.FrameId);
        TopicSubscription<OccupancyGrid> mapJson = client.Subscribe("/map", RosTypes.OccupancyGrid);
        TopicSubscription<OccupancyGrid> mapRaw = client.Subscribe("/map", RosTypes.OccupancyGrid, Raw);
        string State() => $"scan {scanJson.Messages.Count}/{scanRaw.Messages.Count}, odom {odomJson.Messages.Count}/{odomRaw.Messages.Count}, "
            + $"imu {imuJson.Messages.Count}/{imuRaw.Messages.Count}, map {mapJson.Sequence}/{mapRaw.Sequence}, bad {client.Counters.BadFrames}: {client.Counters.LastError}, connections {client.Counters.Connections}, frames {client.Counters.FramesReceived}, fallbacks {client.Counters.CborFallbacks}, server bad {server.BadFrames}";
        client.Start();
        await client.WaitConnectedAsync(Wait);

        // Probes until every subscription is known to the server (each has received one), then the compared messages.
        await WaitUntilAsync(
            () => new[] { scanJson.Subscription.Sequence, scanRaw.Subscription.Sequence, odomJson.Subscription.Sequence, odomRaw.Subscription.Sequence, imuJson.Subscription.Sequence, imuRaw.Subscription.Sequence }.All(s => s > 0),
            State,
            () =>
            {
                server.Publish("/scan", RosTypes.LaserScan, Scan(0, "probe"));
                server.Publish("/odom", RosTypes.Odometry, Odom(0, "probe"));
                server.Publish("/imu", RosTypes.Imu, ImuSample(0, "probe"));
            });
        const int count = 20;
        for (int i = 1; i <= count; i++)
        {
            clock.AdvanceUs(50_000);
            server.Publish("/scan", RosTypes.LaserScan, Scan(i, "base_scan"));
            server.Publish("/odom", RosTypes.Odometry, Odom(i, "odom"));
            server.Publish("/imu", RosTypes.Imu, ImuSample(i, "imu_link"));
        }

        await WaitUntilAsync(() => scanRaw.Messages.Count == count && scanJson.Messages.Count == count && odomRaw.Messages.Count == count
            && odomJson.Messages.Count == count && imuRaw.Messages.Count == count && imuJson.Messages.Count == count
            && mapJson.Sequence > 0 && mapRaw.Sequence > 0, State);

        AssertSame(scanJson, scanRaw, RosTypes.LaserScan, count);
        AssertSame(odomJson, odomRaw, RosTypes.Odometry, count);
        AssertSame(imuJson, imuRaw, RosTypes.Imu, count);
        Assert.True(mapJson.TryGetLatest(out OccupancyGrid fromJson, out _));
        Assert.True(mapRaw.TryGetLatest(out OccupancyGrid fromRaw, out _));
        Assert.Equal(JsonSerializer.Serialize(fromJson, RosTypes.OccupancyGrid.Contract), JsonSerializer.Serialize(fromRaw, RosTypes.OccupancyGrid.Contract));
        Assert.Equal(map.Data, fromRaw.Data);
        Assert.Equal(0, client.Counters.BadFrames);
        Assert.Equal(0, client.Counters.CborFallbacks);
    }

    [Fact]
    public async Task A_cbor_raw_topic_the_server_fails_to_send_falls_back_to_JSON()
    {
        var clock = new ManualClock();
        await using RosbridgeServer server = await RosbridgeServer.StartAsync(0, clock);
        server.AddTopic("/odom", RosTypes.Odometry);
        server.FailCborFor("/odom");
        await using var client = new RosbridgeClient(server.Uri, new RosbridgeClientOptions { CborFallbackAfter = TimeSpan.FromMilliseconds(500) });
        TopicSubscription<Odometry> odom = client.Subscribe("/odom", RosTypes.Odometry, Raw);
        client.Start();
        await client.WaitConnectedAsync(Wait);

        await WaitUntilAsync(() => odom.Sequence > 0, () => $"fallbacks {client.Counters.CborFallbacks}", () => server.Publish("/odom", RosTypes.Odometry, Odom(1, "odom")));

        Assert.Equal(RosbridgeCompression.None, odom.CompressionInUse);
        Assert.Equal(1, client.Counters.CborFallbacks);
    }
}
