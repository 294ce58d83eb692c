using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StrategicTech.Drivers.Mavlink;

/// <summary>
/// The MAVLink checksum: CRC-16/MCRF4XX (X.25 polynomial 0x1021 reflected = 0x8408, seed 0xFFFF, no final XOR),
/// table-driven, one lookup per byte.
/// </summary>
public static class MavlinkCrc
{
    public const ushort Seed = 0xFFFF;

    private static readonly ushort[] Table = BuildTable();

    /// <summary>CRC of <paramref name="data"/> continuing from <paramref name="crc"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ushort Accumulate(ReadOnlySpan<byte> data, ushort crc = Seed)
    {
        ref ushort table = ref MemoryMarshal.GetArrayDataReference(Table);
        ref byte b = ref MemoryMarshal.GetReference(data);
        uint c = crc;
        for (int i = 0; i < data.Length; i++)
        {
            c = (c >> 8) ^ Unsafe.Add(ref table, (int)((c ^ Unsafe.Add(ref b, i)) & 0xFF));
        }

        return (ushort)c;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ushort Accumulate(byte value, ushort crc)
    {
        uint c = crc;
        return (ushort)((c >> 8) ^ Table[(int)((c ^ value) & 0xFF)]);
    }

    private static ushort[] BuildTable()
    {
        var table = new ushort[256];
        for (int i = 0; i < 256; i++)
        {
            uint c = (uint)i;
            for (int bit = 0; bit < 8; bit++)
            {
                c = (c & 1) != 0 ? (c >> 1) ^ 0x8408 : c >> 1;
            }

            table[i] = (ushort)c;
        }

        return table;
    }
}
