using BenchmarkDotNet.Attributes;
using StrategicTech.Drivers.Rosbridge.Messages;
using StrategicTech.Drivers.Rosbridge.Protocol;

namespace StrategicTech.Benchmarks.Rosbridge;

/// <summary>
/// Our side of the comparison with roslib (tests/peers/rosbridge-codec-bench.mjs builds the very same two messages
/// with the same formula): a whole publish op of a 360-beam LaserScan and of an Odometry, encoded and decoded as
/// JSON, CBOR and cbor-raw (CDR inside CBOR; roslib hands cbor-raw bytes to the application undecoded, so that row
/// is ours only). Decode = frame bytes → typed message. Frame sizes are printed once in the setup.
/// </summary>
[MemoryDiagnoser]
public class RosbridgeVersusRoslibBenchmarks
{
    private LaserScan _scan = null!;
    private Odometry _odom = null!;
    private byte[] _scanJson = [], _scanCbor = [], _scanRaw = [], _odomJson = [], _odomCbor = [], _odomRaw = [];

    /// <summary>ranges[i] = +Inf every 20th beam (from 7), else 0.12 + ((i·7919) mod 1181)/100 m, as float32.</summary>
    public static LaserScan Scan()
    {
        var ranges = new float[360];
        for (int i = 0; i < ranges.Length; i++)
        {
            ranges[i] = i % 20 == 7 ? float.PositiveInfinity : (float)(0.12 + (((i * 7919) % 1181) / 100.0));
        }

        return new LaserScan(new Header(new RosTime(1712, 500_000_000), "base_scan"), 0f, 6.2657f, 0.017453292f, 0.0002777f, 0.1f, 0.12f, 12f, ranges, []);
    }

    public static Odometry Odom()
    {
        var cov = new double[36];
        cov[0] = cov[7] = 0.001;
        cov[35] = 0.01;
        return new Odometry(new Header(new RosTime(1712, 5), "odom"), "base_footprint",
            new PoseWithCovariance(new Pose(new Point(1.25, -0.5, 0), new Quaternion(0, 0, Math.Sin(0.35), Math.Cos(0.35))), cov),
            new TwistWithCovariance(new Twist(new Vector3(0.3, 0, 0), new Vector3(0, 0, 0.1)), (double[])cov.Clone()));
    }

    [GlobalSetup]
    public void Setup()
    {
        _scan = Scan();
        _odom = Odom();
        _scanJson = ScanJsonEncode();
        _scanCbor = ScanCborEncode();
        _scanRaw = ScanCborRawEncode();
        _odomJson = OdomJsonEncode();
        _odomCbor = OdomCborEncode();
        _odomRaw = OdomCborRawEncode();
        Console.WriteLine($"// frame sizes: scan json {_scanJson.Length} B, cbor {_scanCbor.Length} B, cbor-raw {_scanRaw.Length} B; "
            + $"odom json {_odomJson.Length} B, cbor {_odomCbor.Length} B, cbor-raw {_odomRaw.Length} B");
    }

    [Benchmark]
    public byte[] ScanJsonEncode() => RosbridgeFrames.Publish("/scan", _scan, RosTypes.LaserScan.Contract);

    [Benchmark]
    public byte[] ScanCborEncode() => RosbridgeFrames.PublishCbor("/scan", _scan);

    [Benchmark]
    public byte[] ScanCborRawEncode() => RosbridgeFrames.PublishCborRaw("/scan", RosTypes.LaserScan.Cdr!.Serialize(_scan), 1_712_500_000);

    [Benchmark]
    public LaserScan ScanJsonDecode()
    {
        using RosbridgeEnvelope e = RosbridgeEnvelope.ParseJson(_scanJson);
        return e.Decode("msg", RosTypes.LaserScan.Contract);
    }

    [Benchmark]
    public LaserScan ScanCborDecode()
    {
        using RosbridgeEnvelope e = RosbridgeEnvelope.ParseCbor(_scanCbor);
        return e.Decode("msg", RosTypes.LaserScan.Contract);
    }

    [Benchmark]
    public LaserScan ScanCborRawDecode() => DecodeRaw(_scanRaw, RosTypes.LaserScan);

    [Benchmark]
    public byte[] OdomJsonEncode() => RosbridgeFrames.Publish("/odom", _odom, RosTypes.Odometry.Contract);

    [Benchmark]
    public byte[] OdomCborEncode() => RosbridgeFrames.PublishCbor("/odom", _odom);

    [Benchmark]
    public byte[] OdomCborRawEncode() => RosbridgeFrames.PublishCborRaw("/odom", RosTypes.Odometry.Cdr!.Serialize(_odom), 1_712_000_005);

    [Benchmark]
    public Odometry OdomJsonDecode()
    {
        using RosbridgeEnvelope e = RosbridgeEnvelope.ParseJson(_odomJson);
        return e.Decode("msg", RosTypes.Odometry.Contract);
    }

    [Benchmark]
    public Odometry OdomCborDecode()
    {
        using RosbridgeEnvelope e = RosbridgeEnvelope.ParseCbor(_odomCbor);
        return e.Decode("msg", RosTypes.Odometry.Contract);
    }

    [Benchmark]
    public Odometry OdomCborRawDecode() => DecodeRaw(_odomRaw, RosTypes.Odometry);

    /// <summary>The client's cbor-raw path: CBOR envelope, then CDR.</summary>
    private static T DecodeRaw<T>(byte[] frame, RosType<T> type)
    {
        using RosbridgeEnvelope e = RosbridgeEnvelope.ParseCbor(frame);
        return e.DecodeCdr("msg", type.Cdr!);
    }
}
