using System.Buffers.Binary;

namespace StrategicTech.Drivers.Sensors.Ublox;

/// <summary>Writes UBX frames into caller buffers (configuration commands; tests use it to build input).</summary>
public static class UbxWriter
{
    public const int Overhead = 8;

    /// <summary>Writes a complete frame; returns its length in bytes.</summary>
    public static int WriteFrame(Span<byte> destination, byte messageClass, byte id, ReadOnlySpan<byte> payload)
    {
        int total = payload.Length + Overhead;
        if (destination.Length < total || payload.Length > ushort.MaxValue)
        {
            throw new ArgumentException($"a {payload.Length}-byte UBX payload needs {total} bytes of buffer", nameof(destination));
        }

        destination[0] = UbxParser.Sync1;
        destination[1] = UbxParser.Sync2;
        destination[2] = messageClass;
        destination[3] = id;
        BinaryPrimitives.WriteUInt16LittleEndian(destination[4..], (ushort)payload.Length);
        payload.CopyTo(destination[6..]);
        (byte a, byte b) = UbxParser.Checksum(destination.Slice(2, payload.Length + 4));
        destination[total - 2] = a;
        destination[total - 1] = b;
        return total;
    }
}
