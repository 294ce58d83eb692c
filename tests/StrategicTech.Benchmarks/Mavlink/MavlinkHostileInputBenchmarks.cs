using BenchmarkDotNet.Attributes;
using StrategicTech.Drivers.Mavlink;
using StrategicTech.Drivers.Mavlink.Dialects.Common;

namespace StrategicTech.Benchmarks.Mavlink;

/// <summary>
/// Parser throughput on input meant to keep it busy: 1 MiB of 0xFE (MAVLink 1 start markers), of 0xFD (MAVLink 2
/// start markers), of random bytes, and of MAVLink 1 ENCAPSULATED_DATA headers every 6 bytes (each claims 263 bytes
/// that must be checksummed: the costliest input known for this parser). Each benchmark parses 1 MiB, so
/// MB/s = 1.048576 / (mean in ms) × 1000.
/// </summary>
[MemoryDiagnoser]
public class MavlinkHostileInputBenchmarks
{
    private const int Size = 1 << 20;
    private readonly byte[] _fe = new byte[Size];
    private readonly byte[] _fd = new byte[Size];
    private readonly byte[] _noise = new byte[Size];
    private readonly byte[] _longHeaders = new byte[Size];
    private MavlinkParser _parser = null!;

    [GlobalSetup]
    public void Setup()
    {
        _fe.AsSpan().Fill(MavlinkConstants.MagicV1);
        _fd.AsSpan().Fill(MavlinkConstants.MagicV2);
        new Random(11).NextBytes(_noise);
        for (int i = 0; i + 6 <= Size; i += 6)
        {
            _longHeaders[i] = MavlinkConstants.MagicV1;
            _longHeaders[i + 1] = 255;
            _longHeaders[i + 5] = 131;
        }

        _parser = new MavlinkParser(CommonDialect.Instance);
    }

    [Benchmark]
    public long FloodOf0xFE() => Parse(_fe);

    [Benchmark]
    public long FloodOf0xFD() => Parse(_fd);

    [Benchmark]
    public long RandomNoise() => Parse(_noise);

    [Benchmark]
    public long LongestClaimingHeaders() => Parse(_longHeaders);

    private long Parse(byte[] data)
    {
        long frames = 0;
        ReadOnlySpan<byte> input = data;
        while (_parser.TryRead(ref input, out MavlinkFrame _))
        {
            frames++;
        }

        while (_parser.TryFlush(out MavlinkFrame _))
        {
            frames++;
        }

        return frames;
    }
}
