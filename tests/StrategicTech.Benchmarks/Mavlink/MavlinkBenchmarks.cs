using StrategicTech.TestSupport;
using BenchmarkDotNet.Attributes;
using StrategicTech.Drivers.Mavlink;
using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Drivers.Mavlink.Dialects.Minimal;
using StrategicTech.Drivers.Mavlink.Dialects.Standard;

namespace StrategicTech.Benchmarks.Mavlink;

/// <summary>
/// MAVLink codec throughput on shared/bench/mavlink/stream-100k.bin (100 000 frames, 5 171 646 bytes, encoded by
/// the official C library). Times are per frame (OperationsPerInvoke); frames/s = 1e9 / ns, MB/s = 51.7 bytes × frames/s.
/// </summary>
[MemoryDiagnoser]
public class MavlinkBenchmarks
{
    private const int StreamFrames = 100_000;
    private const int EncodeFrames = 10_000;
    private byte[] _stream = [];
    private MavlinkParser _parser = null!;
    private MavlinkFrameWriter _writer = null!;
    private MavlinkFrameWriter _signingWriter = null!;
    private MavlinkParser _verifyingParser = null!;
    private MavlinkSignatureVerifier _verifier = null!;
    private byte[] _signedFrames = [];
    private readonly byte[] _out = new byte[512];

    [GlobalSetup]
    public void Setup()
    {
        _stream = File.ReadAllBytes(SharedData.PathOf("bench", "mavlink", "stream-100k.bin"));
        _parser = new MavlinkParser(CommonDialect.Instance);
        _writer = new MavlinkFrameWriter(1, 1);
        var key = new MavlinkSigningKey(new byte[32]);
        var clock = new FixedClock();
        _signingWriter = new MavlinkFrameWriter(1, 1, new MavlinkSigner(key, 0, clock));
        var frames = new List<byte>();
        var buffer = new byte[300];
        for (int i = 0; i < EncodeFrames; i++)
        {
            int n = _signingWriter.WriteV2(new Attitude { TimeBootMs = (uint)i, Roll = i * 1e-3f, Pitch = 0.1f, Yaw = 2f, Rollspeed = 0.01f }, buffer);
            frames.AddRange(buffer.AsSpan(0, n).ToArray());
        }

        _signedFrames = [.. frames];
        _verifier = new MavlinkSignatureVerifier(key, MavlinkSigningPolicy.Require, clock);
        _verifyingParser = new MavlinkParser(CommonDialect.Instance, _verifier);
    }

    /// <summary>Frame sync + CRC check only.</summary>
    [Benchmark(OperationsPerInvoke = StreamFrames)]
    public long Parse()
    {
        long frames = 0;
        ReadOnlySpan<byte> input = _stream;
        while (_parser.TryRead(ref input, out MavlinkFrame _))
        {
            frames++;
        }

        return frames;
    }

    /// <summary>Parse and decode every frame into its message struct.</summary>
    [Benchmark(OperationsPerInvoke = StreamFrames)]
    public double ParseAndDecode()
    {
        double sum = 0;
        ReadOnlySpan<byte> input = _stream;
        while (_parser.TryRead(ref input, out MavlinkFrame frame))
        {
            switch (frame.MessageId)
            {
                case Attitude.MsgId:
                    sum += Attitude.Decode(frame.Payload).Roll;
                    break;
                case HighresImu.MsgId:
                    sum += HighresImu.Decode(frame.Payload).Zacc;
                    break;
                case GlobalPositionInt.MsgId:
                    sum += GlobalPositionInt.Decode(frame.Payload).Lat;
                    break;
                case ServoOutputRaw.MsgId:
                    sum += ServoOutputRaw.Decode(frame.Payload).Servo1Raw;
                    break;
                case VfrHud.MsgId:
                    sum += VfrHud.Decode(frame.Payload).Airspeed;
                    break;
                case GpsRawInt.MsgId:
                    sum += GpsRawInt.Decode(frame.Payload).SatellitesVisible;
                    break;
                case SysStatus.MsgId:
                    sum += SysStatus.Decode(frame.Payload).VoltageBattery;
                    break;
                case Heartbeat.MsgId:
                    sum += Heartbeat.Decode(frame.Payload).CustomMode;
                    break;
                default:
                    break;
            }
        }

        return sum;
    }

    /// <summary>Encode an ATTITUDE (28-byte payload) into a MAVLink 2 frame, zero-trimmed.</summary>
    [Benchmark(OperationsPerInvoke = EncodeFrames)]
    public int EncodeAttitude()
    {
        int total = 0;
        for (int i = 0; i < EncodeFrames; i++)
        {
            total += _writer.WriteV2(new Attitude { TimeBootMs = (uint)i, Roll = 0.1f, Pitch = -0.2f, Yaw = 3f, Yawspeed = 0.5f }, _out);
        }

        return total;
    }

    /// <summary>Encode and sign an ATTITUDE frame (SHA-256 over key + frame).</summary>
    [Benchmark(OperationsPerInvoke = EncodeFrames)]
    public int EncodeAndSignAttitude()
    {
        int total = 0;
        for (int i = 0; i < EncodeFrames; i++)
        {
            total += _signingWriter.WriteV2(new Attitude { TimeBootMs = (uint)i, Roll = 0.1f }, _out);
        }

        return total;
    }

    /// <summary>Parse and verify signed ATTITUDE frames (signature, replay window).</summary>
    [Benchmark(OperationsPerInvoke = EncodeFrames)]
    public long ParseAndVerifySigned()
    {
        // The same frames again would be replays: forget the streams' last timestamps first.
        _verifier.ResetStreams();
        long frames = 0;
        ReadOnlySpan<byte> input = _signedFrames;
        while (_verifyingParser.TryRead(ref input, out MavlinkFrame _))
        {
            frames++;
        }

        return frames;
    }


    private sealed class FixedClock : IUnixTimeSource
    {
        public long UnixTimeUs => 1_800_000_000_000_000;
    }
}
