using System.Buffers.Binary;
using BenchmarkDotNet.Attributes;
using StrategicTech.Drivers.Sensors.Common;
using StrategicTech.Drivers.Sensors.Mpu9250;
using StrategicTech.Drivers.Sensors.Sbus;
using StrategicTech.Drivers.Sensors.Ublox;

namespace StrategicTech.Benchmarks.Sensors;

/// <summary>
/// Driver read paths: decoding one MPU-9250 FIFO burst of 32 samples (448 bytes → 32 ImuReading in SI units),
/// parsing one 100-byte UBX NAV-PVT frame byte by byte through the receiver into a GnssFix, and decoding one
/// 25-byte SBUS frame through the stream parser into an RcInput.
/// </summary>
[MemoryDiagnoser]
public class SensorDriverBenchmarks
{
    private readonly byte[] _fifo = new byte[32 * Mpu9250Fifo.PacketBytes];
    private readonly ImuReading[] _samples = new ImuReading[32];
    private readonly Mpu9250Scale _scale = Mpu9250Scale.For(AccelerometerRange.G16, GyroscopeRange.Dps2000);
    private readonly UbloxReceiver _receiver = new();
    private readonly SbusParser _sbus = new();
    private byte[] _navPvt = [];
    private byte[] _sbusFrame = [];

    [GlobalSetup]
    public void Setup()
    {
        new Random(1).NextBytes(_fifo);

        var payload = new byte[UbxNavPvt.PayloadLength];
        payload[11] = 0x07;
        payload[20] = 3;
        payload[21] = 1;
        payload[23] = 15;
        BinaryPrimitives.WriteInt32LittleEndian(payload.AsSpan(24), -22_403_000);
        BinaryPrimitives.WriteInt32LittleEndian(payload.AsSpan(28), 534_507_000);
        _navPvt = new byte[payload.Length + UbxWriter.Overhead];
        UbxWriter.WriteFrame(_navPvt, UbxMessageId.ClassNav, UbxMessageId.NavPvt, payload);

        _sbusFrame = new byte[SbusParser.FrameLength];
        new Random(2).NextBytes(_sbusFrame);
        _sbusFrame[0] = SbusParser.Header;
        _sbusFrame[23] = 0;
        _sbusFrame[24] = 0;
    }

    [Benchmark(Description = "IMU FIFO burst decode (32 samples)")]
    public int ImuFifoBurst32() => Mpu9250Fifo.Decode(_fifo, _scale, 1_000_000, 1000, _samples);

    [Benchmark(Description = "UBX NAV-PVT parse (100-byte frame)")]
    public double UbxNavPvtParse()
    {
        _receiver.Feed(_navPvt, 0);
        _receiver.TryReadFix(out GnssFix fix);
        return fix.LatitudeDeg;
    }

    [Benchmark(Description = "SBUS frame decode (25 bytes)")]
    public int SbusFrameDecode()
    {
        _sbus.Feed(_sbusFrame, 0);
        _sbus.TryReadInput(out RcInput input);
        return input.ChannelsUs[0];
    }
}
