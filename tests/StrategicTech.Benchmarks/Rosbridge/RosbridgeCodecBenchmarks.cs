using BenchmarkDotNet.Attributes;
using StrategicTech.Drivers.Rosbridge.Messages;
using StrategicTech.Drivers.Rosbridge.Protocol;

namespace StrategicTech.Benchmarks.Rosbridge;

/// <summary>
/// rosbridge codec cost: a whole publish op (envelope + message) of a 360-beam LaserScan and of an Odometry, encoded
/// and decoded as JSON and as CBOR (typed arrays). Decode = parse the frame and materialise the typed message.
/// Frame sizes are in <see cref="FrameBytes"/> (printed once in the setup).
/// </summary>
[MemoryDiagnoser]
public class RosbridgeCodecBenchmarks
{
    private LaserScan _scan = null!;
    private Odometry _odom = null!;
    private byte[] _scanJson = [], _scanCbor = [], _odomJson = [], _odomCbor = [];

    public static string FrameBytes { get; private set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(5);
        var ranges = new float[360];
        for (int i = 0; i < ranges.Length; i++)
        {
            ranges[i] = random.NextDouble() < 0.05 ? float.PositiveInfinity : (float)(0.12 + (random.NextDouble() * 11.8));
        }

        _scan = new LaserScan(new Header(new RosTime(1712, 500_000_000), "base_scan"), 0f, 6.2657f, 0.017453292f, 0.0002777f, 0.1f, 0.12f, 12f, ranges, []);
        var cov = new double[36];
        cov[0] = cov[7] = 0.001;
        cov[35] = 0.01;
        _odom = new Odometry(new Header(new RosTime(1712, 5), "odom"), "base_footprint",
            new PoseWithCovariance(new Pose(new Point(1.25, -0.5, 0), Quaternion.FromYaw(0.7)), cov),
            new TwistWithCovariance(new Twist(new Vector3(0.3, 0, 0), new Vector3(0, 0, 0.1)), cov));
        _scanJson = ScanJsonEncode();
        _scanCbor = ScanCborEncode();
        _odomJson = OdomJsonEncode();
        _odomCbor = OdomCborEncode();
        FrameBytes = $"scan json {_scanJson.Length} B, scan cbor {_scanCbor.Length} B, odom json {_odomJson.Length} B, odom cbor {_odomCbor.Length} B";
        Console.WriteLine("// frame sizes: " + FrameBytes);
    }

    [Benchmark]
    public byte[] ScanJsonEncode() => RosbridgeFrames.Publish("/scan", _scan, RosTypes.LaserScan.Contract);

    [Benchmark]
    public byte[] ScanCborEncode() => RosbridgeFrames.PublishCbor("/scan", _scan);

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
    public byte[] OdomJsonEncode() => RosbridgeFrames.Publish("/odom", _odom, RosTypes.Odometry.Contract);

    [Benchmark]
    public byte[] OdomCborEncode() => RosbridgeFrames.PublishCbor("/odom", _odom);

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
}
