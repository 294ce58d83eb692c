using BenchmarkDotNet.Attributes;
using StrategicTech.Drivers.Rosbridge.Codec;
using StrategicTech.Drivers.Rosbridge.Codec.Cdr;
using StrategicTech.Drivers.Rosbridge.Messages;
using StrategicTech.Drivers.Rosbridge.Messages.Preallocated;
using StrategicTech.Drivers.Rosbridge.Protocol;

namespace StrategicTech.Benchmarks.Rosbridge;

/// <summary>
/// Decoding into preallocated messages (the real-time-safe path): a 360-beam LaserScan and an Odometry, from a
/// CBOR publish frame (frame → msg → buffer, <see cref="CborInto"/>) and from the cbor-raw CDR payload
/// (<see cref="CdrInto"/>); beside them the record decoders of the same CDR bytes for comparison.
/// </summary>
[MemoryDiagnoser]
public class RosbridgePreallocatedDecodeBenchmarks
{
    private readonly CborInto _cbor = new();
    private readonly LaserScanBuffer _scanBuffer = new(360);
    private readonly OdometryBuffer _odomBuffer = new();
    private byte[] _scanCborFrame = [], _odomCborFrame = [], _scanCdr = [], _odomCdr = [];

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
        _scanCborFrame = RosbridgeFrames.PublishCbor("/scan", scan);
        _odomCborFrame = RosbridgeFrames.PublishCbor("/odom", odom);
        _scanCdr = CdrMessages.LaserScan.Serialize(scan);
        _odomCdr = CdrMessages.Odometry.Serialize(odom);
    }

    [Benchmark]
    public int ScanCborFrameIntoBuffer()
    {
        _cbor.TryReadPublish(_scanCborFrame, out _, out ReadOnlyMemory<byte> msg);
        _cbor.LaserScan(msg, _scanBuffer);
        return _scanBuffer.RangeCount;
    }

    [Benchmark]
    public int ScanCdrIntoBuffer()
    {
        CdrInto.LaserScan(_scanCdr, _scanBuffer);
        return _scanBuffer.RangeCount;
    }

    [Benchmark]
    public LaserScan ScanCdrToRecord() => CdrMessages.LaserScan.Deserialize(_scanCdr);

    [Benchmark]
    public double OdomCborFrameIntoBuffer()
    {
        _cbor.TryReadPublish(_odomCborFrame, out _, out ReadOnlyMemory<byte> msg);
        _cbor.Odometry(msg, _odomBuffer);
        return _odomBuffer.Pose.Position.X;
    }

    [Benchmark]
    public double OdomCdrIntoBuffer()
    {
        CdrInto.Odometry(_odomCdr, _odomBuffer);
        return _odomBuffer.Pose.Position.X;
    }

    [Benchmark]
    public Odometry OdomCdrToRecord() => CdrMessages.Odometry.Deserialize(_odomCdr);
}
