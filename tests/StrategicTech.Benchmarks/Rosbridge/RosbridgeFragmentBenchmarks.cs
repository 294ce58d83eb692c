using BenchmarkDotNet.Attributes;
using StrategicTech.Drivers.Rosbridge.Client;
using StrategicTech.Drivers.Rosbridge.Messages;
using StrategicTech.Drivers.Rosbridge.Messages.Preallocated;
using StrategicTech.Drivers.Rosbridge.Protocol;

namespace StrategicTech.Benchmarks.Rosbridge;

/// <summary>
/// A 360-beam LaserScan published as JSON with <c>fragment_size</c>: every fragment of one message through
/// <see cref="RosbridgeClient.HandleFrame"/> (scanned without a document, unescaped into the assembler's reused
/// buffers), the reassembled publish decoded into a preallocated slot, one take from the ring.
/// </summary>
[MemoryDiagnoser]
public class RosbridgeFragmentBenchmarks : IDisposable
{
    private readonly RosbridgeClient _client = new(new Uri("ws://127.0.0.1:9"));
    private PreallocatedSubscription<LaserScanBuffer> _scan = null!;
    private byte[][] _fragments = [];

    [Params(500, 2000)]
    public int FragmentSize { get; set; } = 500;

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
        _fragments = [.. RosbridgeFrames.Fragment(RosbridgeFrames.Publish("/scan", scan, RosTypes.LaserScan.Contract), FragmentSize, "publish:/scan:1")];
        _scan = _client.SubscribePreallocated("/scan", PreallocatedTypes.LaserScan(), capacity: 4);
    }

    [Benchmark]
    public float FragmentedScanIntoSlot()
    {
        for (int i = 0; i < _fragments.Length; i++)
        {
            _client.HandleFrame(_fragments[i], binary: false);
        }

        return _scan.TryRead(out LaserScanBuffer scan) ? scan.Ranges[0] : float.NaN;
    }

    public void Dispose()
    {
        _client.DisposeAsync().AsTask().GetAwaiter().GetResult();
        GC.SuppressFinalize(this);
    }
}
