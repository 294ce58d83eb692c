using BenchmarkDotNet.Attributes;
using StrategicTech.Drivers.Rosbridge.Client;
using StrategicTech.Drivers.Rosbridge.Messages;
using StrategicTech.Drivers.Rosbridge.Messages.Preallocated;
using StrategicTech.Drivers.Rosbridge.Protocol;

namespace StrategicTech.Benchmarks.Rosbridge;

/// <summary>
/// The client's receive path from a whole WebSocket message to the consumer (<see cref="RosbridgeClient.HandleFrame"/>
/// then a take from the ring), for a 360-beam LaserScan and an Odometry in each encoding: the preallocated
/// subscriptions (direct path, in-place decode into a slot) beside the object subscriptions (envelope parse and
/// record decode) that the AMR intake used before.
/// </summary>
[MemoryDiagnoser]
public class RosbridgeSubscriptionBenchmarks : IDisposable
{
    private readonly RosbridgeClient _slots = new(new Uri("ws://127.0.0.1:9"));
    private readonly RosbridgeClient _objects = new(new Uri("ws://127.0.0.1:9"));
    private PreallocatedSubscription<LaserScanBuffer> _scanSlots = null!;
    private PreallocatedSubscription<OdometryBuffer> _odomSlots = null!;
    private TopicSubscription<LaserScan> _scanObjects = null!;
    private TopicSubscription<Odometry> _odomObjects = null!;
    private byte[] _scanFrame = [], _odomFrame = [];
    private bool _binary;

    [Params(RosbridgeCompression.None, RosbridgeCompression.Cbor, RosbridgeCompression.CborRaw)]
    public string Encoding { get; set; } = RosbridgeCompression.None;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(5);
        var ranges = new float[360];
        for (int i = 0; i < ranges.Length; i++)
        {
            ranges[i] = random.NextDouble() < 0.05 ? float.PositiveInfinity : (float)(0.12 + (random.NextDouble() * 11.8));
        }

        var scan = new LaserScan(new Header(new RosTime(1712, 500_000_000), "base_scan"), 0f, 6.2657f, 0.017453292f, 0.0002777f, 0.1f, 0.12f, 12f, ranges, []);
        var cov = new double[36];
        cov[0] = cov[7] = 0.001;
        cov[35] = 0.01;
        var odom = new Odometry(new Header(new RosTime(1712, 5), "odom"), "base_footprint",
            new PoseWithCovariance(new Pose(new Point(1.25, -0.5, 0), Quaternion.FromYaw(0.7)), cov),
            new TwistWithCovariance(new Twist(new Vector3(0.3, 0, 0), new Vector3(0, 0, 0.1)), cov));
        _binary = Encoding != RosbridgeCompression.None;
        (_scanFrame, _odomFrame) = Encoding switch
        {
            RosbridgeCompression.Cbor => (RosbridgeFrames.PublishCbor("/scan", scan), RosbridgeFrames.PublishCbor("/odom", odom)),
            RosbridgeCompression.CborRaw => (RosbridgeFrames.PublishCborRaw("/scan", RosTypes.LaserScan.Cdr!.Serialize(scan), 1),
                RosbridgeFrames.PublishCborRaw("/odom", RosTypes.Odometry.Cdr!.Serialize(odom), 1)),
            _ => (RosbridgeFrames.Publish("/scan", scan, RosTypes.LaserScan.Contract), RosbridgeFrames.Publish("/odom", odom, RosTypes.Odometry.Contract)),
        };
        var options = new SubscribeOptions { Compression = Encoding };
        _scanSlots = _slots.SubscribePreallocated("/scan", PreallocatedTypes.LaserScan(), options, capacity: 4);
        _odomSlots = _slots.SubscribePreallocated("/odom", PreallocatedTypes.Odometry, options, capacity: 4);
        _scanObjects = _objects.Subscribe("/scan", RosTypes.LaserScan, options, queueCapacity: 4);
        _odomObjects = _objects.Subscribe("/odom", RosTypes.Odometry, options, queueCapacity: 4);
    }

    [Benchmark]
    public float ScanFrameIntoSlot()
    {
        _slots.HandleFrame(_scanFrame, _binary);
        return _scanSlots.TryRead(out LaserScanBuffer scan) ? scan.Ranges[0] : float.NaN;
    }

    [Benchmark]
    public float ScanFrameToRecord()
    {
        _objects.HandleFrame(_scanFrame, _binary);
        return _scanObjects.TryRead(out LaserScan scan) ? scan.Ranges[0] : float.NaN;
    }

    [Benchmark]
    public double OdomFrameIntoSlot()
    {
        _slots.HandleFrame(_odomFrame, _binary);
        return _odomSlots.TryRead(out OdometryBuffer odom) ? odom.Pose.Position.X : double.NaN;
    }

    [Benchmark]
    public double OdomFrameToRecord()
    {
        _objects.HandleFrame(_odomFrame, _binary);
        return _odomObjects.TryRead(out Odometry odom) ? odom.Pose.Pose.Position.X : double.NaN;
    }

    public void Dispose()
    {
        _slots.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _objects.DisposeAsync().AsTask().GetAwaiter().GetResult();
        GC.SuppressFinalize(this);
    }
}
