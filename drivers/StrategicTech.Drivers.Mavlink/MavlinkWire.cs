using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StrategicTech.Drivers.Mavlink;

/// <summary>
/// Little-endian field access for generated codecs. Callers check the payload length once; these then read and
/// write without further bounds checks. MAVLink is little-endian, as is every platform .NET runs this on
/// (x64, Arm64); the static constructor refuses a big-endian host rather than corrupt data.
/// </summary>
public static class MavlinkWire
{
    static MavlinkWire()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("StrategicTech.Drivers.Mavlink requires a little-endian platform.");
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte ReadByte(ref byte b, int offset) => Unsafe.Add(ref b, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static sbyte ReadSByte(ref byte b, int offset) => (sbyte)Unsafe.Add(ref b, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static short ReadInt16(ref byte b, int offset) => Unsafe.ReadUnaligned<short>(ref Unsafe.Add(ref b, offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ushort ReadUInt16(ref byte b, int offset) => Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref b, offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ReadInt32(ref byte b, int offset) => Unsafe.ReadUnaligned<int>(ref Unsafe.Add(ref b, offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint ReadUInt32(ref byte b, int offset) => Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref b, offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long ReadInt64(ref byte b, int offset) => Unsafe.ReadUnaligned<long>(ref Unsafe.Add(ref b, offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong ReadUInt64(ref byte b, int offset) => Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref b, offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ReadSingle(ref byte b, int offset) => Unsafe.ReadUnaligned<float>(ref Unsafe.Add(ref b, offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ReadDouble(ref byte b, int offset) => Unsafe.ReadUnaligned<double>(ref Unsafe.Add(ref b, offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteByte(ref byte b, int offset, byte value) => Unsafe.Add(ref b, offset) = value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteSByte(ref byte b, int offset, sbyte value) => Unsafe.Add(ref b, offset) = (byte)value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteInt16(ref byte b, int offset, short value) => Unsafe.WriteUnaligned(ref Unsafe.Add(ref b, offset), value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteUInt16(ref byte b, int offset, ushort value) => Unsafe.WriteUnaligned(ref Unsafe.Add(ref b, offset), value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteInt32(ref byte b, int offset, int value) => Unsafe.WriteUnaligned(ref Unsafe.Add(ref b, offset), value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteUInt32(ref byte b, int offset, uint value) => Unsafe.WriteUnaligned(ref Unsafe.Add(ref b, offset), value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteInt64(ref byte b, int offset, long value) => Unsafe.WriteUnaligned(ref Unsafe.Add(ref b, offset), value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteUInt64(ref byte b, int offset, ulong value) => Unsafe.WriteUnaligned(ref Unsafe.Add(ref b, offset), value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteSingle(ref byte b, int offset, float value) => Unsafe.WriteUnaligned(ref Unsafe.Add(ref b, offset), value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteDouble(ref byte b, int offset, double value) => Unsafe.WriteUnaligned(ref Unsafe.Add(ref b, offset), value);

    /// <summary>Copies little-endian array elements from the wire into an inline array.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ReadArray<T>(ReadOnlySpan<byte> source, Span<T> destination)
        where T : unmanaged => MemoryMarshal.Cast<byte, T>(source).CopyTo(destination);

    /// <summary>Copies an inline array's elements onto the wire, little-endian.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteArray<T>(ReadOnlySpan<T> source, Span<byte> destination)
        where T : unmanaged => MemoryMarshal.AsBytes(source).CopyTo(destination);

    [DoesNotReturn]
    public static void ThrowDestinationTooShort(int needed, int actual) =>
        throw new ArgumentException($"destination holds {actual} bytes, the payload needs {needed}", "payload");
}
