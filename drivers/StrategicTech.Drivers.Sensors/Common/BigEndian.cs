using System.Buffers.Binary;

namespace StrategicTech.Drivers.Sensors.Common;

/// <summary>Short helpers for register words (InvenSense parts are big-endian, AKM and u-blox little-endian).</summary>
internal static class Words
{
    public static short I16Be(ReadOnlySpan<byte> s, int offset) => BinaryPrimitives.ReadInt16BigEndian(s[offset..]);

    public static short I16Le(ReadOnlySpan<byte> s, int offset) => BinaryPrimitives.ReadInt16LittleEndian(s[offset..]);
}
