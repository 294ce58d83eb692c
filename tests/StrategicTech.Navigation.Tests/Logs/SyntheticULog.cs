using System.Buffers.Binary;
using StrategicTech.Navigation.Logs;

namespace StrategicTech.Navigation.Tests.Logs;

/// <summary>Builds small synthetic ULog files with <see cref="ULogWriter"/>: nested types, padding, two instances of one topic, appended data.</summary>
internal static class SyntheticULog
{
    public const long StartUs = 1_000_000;
    public const int ImuSamples = 50;
    public const int WheelSamplesPerInstance = 20;
    public const int AppendedSamples = 5;

    // wheel: 8 + 4 + 4 + 3 (flags) + 1 padding = 20; trailing padding may be omitted in D.
    public const string WheelFormat = "wheel_encoder:uint64_t timestamp;float speed_mps;int32_t ticks;char[3] tag;uint8_t[1] _padding0;";
    public const string VectorFormat = "vec3:float x;float y;float z;";
    public const string ImuFormat = "imu:uint64_t timestamp;vec3[2] axes;double temperature_c;";

    public static byte[] Build(bool appended = true, bool omitTrailingPadding = true)
    {
        using var stream = new MemoryStream();
        var writer = new ULogWriter(stream);
        writer.WriteHeader(StartUs);
        writer.WriteFlagBits(compatFlags: 0, incompatFlags: appended ? 1UL : 0UL, appendedOffsets: appended ? [0L] : default);
        writer.WriteFormat(VectorFormat);
        writer.WriteFormat(ImuFormat);
        writer.WriteFormat(WheelFormat);
        writer.WriteInfo("sys_name", "SITL");
        Span<byte> u32 = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(u32, 42);
        writer.WriteInfo("uint32_t ver_sw_release", u32);
        writer.WriteMultiInfo("char[5] perf", "hello"u8, isContinued: false);
        writer.WriteMultiInfo("char[6] perf", " world"u8, isContinued: true);
        writer.WriteMultiInfo("char[3] perf", "two"u8, isContinued: false);
        writer.WriteParameter("MAV_SYS_ID", 7);
        writer.WriteParameter("AMR_TRACK_M", 0.45f);
        writer.WriteDefaultParameter(ULogDefaultTypes.SystemWide, "AMR_TRACK_M", 0.5f);
        writer.WriteAddSubscription(0, 0, "imu");
        writer.WriteAddSubscription(0, 1, "wheel_encoder");
        writer.WriteAddSubscription(1, 2, "wheel_encoder");
        writer.WriteLogging(ULogLogLevel.Info, StartUs + 10, "armed");
        writer.WriteSync();
        for (int i = 0; i < ImuSamples; i++)
        {
            long t = StartUs + (i * 10_000);
            writer.WriteData(0, Imu(t, i));
            if (i < WheelSamplesPerInstance)
            {
                writer.WriteData(1, Wheel(t + 1, i, 0, omitTrailingPadding));
                writer.WriteData(2, Wheel(t + 2, i, 1, omitTrailingPadding));
            }

            if (i == 25)
            {
                writer.WriteDropout(35);
                writer.WriteParameter("AMR_TRACK_M", 0.47f);
                writer.WriteLoggingTagged(ULogLogLevel.Warning, 3, t, "low battery");
            }
        }

        writer.WriteRemoveSubscription(2);
        if (appended)
        {
            // Appended data: PX4 appends e.g. a full-rate mission log after the main log; it starts at a known offset.
            // The main log stops mid-message: a header announcing 21 bytes, only 5 of them written.
            stream.Write([21, 0, (byte)'D', 1, 0, 1, 2, 3]);
            long offset = writer.Position;
            writer.PatchAppendedOffset(0, offset);
            for (int i = 0; i < AppendedSamples; i++)
            {
                writer.WriteData(1, Wheel(StartUs + 1_000_000 + (i * 1000), 100 + i, 0, omitTrailingPadding));
            }
        }

        return stream.ToArray();
    }

    public static byte[] Imu(long timeUs, int i)
    {
        var b = new byte[8 + 24 + 8];
        BinaryPrimitives.WriteUInt64LittleEndian(b, (ulong)timeUs);
        for (int k = 0; k < 6; k++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(b.AsSpan(8 + (4 * k)), (i * 0.5f) + k);
        }

        BinaryPrimitives.WriteDoubleLittleEndian(b.AsSpan(32), 20.0 + (i * 0.01));
        return b;
    }

    public static byte[] Wheel(long timeUs, int i, int instance, bool omitTrailingPadding)
    {
        var b = new byte[omitTrailingPadding ? 19 : 20];
        BinaryPrimitives.WriteUInt64LittleEndian(b, (ulong)timeUs);
        BinaryPrimitives.WriteSingleLittleEndian(b.AsSpan(8), (0.1f * i) + instance);
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(12), (i * 100) - (instance * 1000));
        "LR"u8.CopyTo(b.AsSpan(16));
        b[18] = (byte)('0' + instance);
        return b;
    }
}
