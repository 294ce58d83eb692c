using BenchmarkDotNet.Attributes;
using StrategicTech.Drivers.Mavlink;
using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Drivers.Mavlink.Dialects.Standard;
using StrategicTech.Drivers.Mavlink.Microservices;
using StrategicTech.Drivers.Mavlink.Microservices.StatusText.Server;
using StrategicTech.Navigation.Time;

namespace StrategicTech.Benchmarks.Mavlink;

/// <summary>
/// Typed delivery and STATUSTEXT costs. Dispatch benchmarks parse 3 000 in-memory frames (ATTITUDE,
/// GLOBAL_POSITION_INT, SYS_STATUS; two of three subscribed) and are reported per frame: compare
/// <see cref="ParseAndSwitchDecode"/> (hand-written switch, the floor) with the dispatcher's delegate and struct
/// handler paths. STATUSTEXT: one 420-byte text (9 chunks) encoded and sent into a discarding sink.
/// </summary>
[MemoryDiagnoser]
public class MavlinkDispatchBenchmarks
{
    private const int Triples = 1_000;
    private const int Frames = 3 * Triples;
    private readonly MavlinkParser _parser = new(CommonDialect.Instance);
    private readonly MavlinkMessageDispatcher _delegates = new();
    private readonly MavlinkMessageDispatcher _structs = new();
    private readonly long[] _sum = [0];
    private byte[] _stream = [];
    private StatusTextSender _statusText = null!;
    private string _longText = string.Empty;
    private double _roll;

    private readonly struct LatSum(long[] total) : IMessageHandler<GlobalPositionInt>
    {
        public void Handle(in GlobalPositionInt message, in MavlinkFrameHeader header) => total[0] += message.Lat;
    }

    private readonly struct RollSum(long[] total) : IMessageHandler<Attitude>
    {
        public void Handle(in Attitude message, in MavlinkFrameHeader header) => total[0] += (long)message.TimeBootMs;
    }

    [GlobalSetup]
    public void Setup()
    {
        var writer = new MavlinkFrameWriter(1, 1);
        var bytes = new List<byte>();
        var buffer = new byte[300];
        for (int i = 0; i < Triples; i++)
        {
            bytes.AddRange(buffer.AsSpan(0, writer.WriteV2(new Attitude { TimeBootMs = (uint)i, Roll = 0.1f, Yaw = 1f }, buffer)).ToArray());
            bytes.AddRange(buffer.AsSpan(0, writer.WriteV2(new GlobalPositionInt { TimeBootMs = (uint)i, Lat = 473_977_420, Lon = 85_455_940 }, buffer)).ToArray());
            bytes.AddRange(buffer.AsSpan(0, writer.WriteV2(new SysStatus { VoltageBattery = 12_000 }, buffer)).ToArray());
        }

        _stream = [.. bytes];
        _delegates.Subscribe((in Attitude a, in MavlinkFrameHeader _) => _roll += a.Roll);
        _delegates.Subscribe((in GlobalPositionInt p, in MavlinkFrameHeader _) => _sum[0] += p.Lat);
        _structs.Subscribe<Attitude, RollSum>(new RollSum(_sum));
        _structs.Subscribe<GlobalPositionInt, LatSum>(new LatSum(_sum));
        _statusText = new StatusTextSender(new MavlinkNode(1, 1, new NullSink(), new ManualClock()));
        _longText = new string('s', 420);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Frames)]
    public long ParseAndSwitchDecode()
    {
        ReadOnlySpan<byte> input = _stream;
        while (_parser.TryRead(ref input, out MavlinkFrame frame))
        {
            switch (frame.MessageId)
            {
                case Attitude.MsgId:
                    _roll += Attitude.Decode(frame.Payload).Roll;
                    break;
                case GlobalPositionInt.MsgId:
                    _sum[0] += GlobalPositionInt.Decode(frame.Payload).Lat;
                    break;
                default:
                    break;
            }
        }

        return _sum[0];
    }

    [Benchmark(OperationsPerInvoke = Frames)]
    public long ParseAndDispatchDelegates()
    {
        ReadOnlySpan<byte> input = _stream;
        while (_parser.TryRead(ref input, out MavlinkFrame frame))
        {
            _delegates.Dispatch(frame, 0);
        }

        return _sum[0];
    }

    [Benchmark(OperationsPerInvoke = Frames)]
    public long ParseAndDispatchStructHandlers()
    {
        ReadOnlySpan<byte> input = _stream;
        while (_parser.TryRead(ref input, out MavlinkFrame frame))
        {
            _structs.Dispatch(frame, 0);
        }

        return _sum[0];
    }

    /// <summary>One 420-byte STATUSTEXT: UTF-8 encode, split into 9 chunks, 9 frames encoded and sent.</summary>
    [Benchmark]
    public int StatusTextChunked420Bytes() => _statusText.Send(MavSeverity.Warning, _longText);

    private sealed class NullSink : IMavlinkFrameSink
    {
        public bool Send(ReadOnlySpan<byte> frame) => true;
    }
}
