using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StrategicTech.Drivers.Mavlink;

/// <summary>
/// The MAVLink checksum: CRC-16/MCRF4XX (X.25 polynomial 0x1021 reflected = 0x8408, seed 0xFFFF, no final XOR).
/// Slicing-by-4: four 256-entry tables consume four bytes per step (2 KiB, stays in L1), then byte-wise for the tail.
/// </summary>
public static class MavlinkCrc
{
    public const ushort Seed = 0xFFFF;

    // Tables[k * 256 + i]: CRC contribution of byte i followed by k zero bytes.
    private static readonly ushort[] Tables = BuildTables();

    /// <summary>CRC of <paramref name="data"/> continuing from <paramref name="crc"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ushort Accumulate(ReadOnlySpan<byte> data, ushort crc = Seed)
    {
        ref ushort t = ref MemoryMarshal.GetArrayDataReference(Tables);
        ref byte b = ref MemoryMarshal.GetReference(data);
        uint c = crc;
        int i = 0;
        for (; i <= data.Length - 4; i += 4)
        {
            uint word = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref b, i));
            uint x = c ^ (word & 0xFFFF);
            c = (uint)(Unsafe.Add(ref t, (int)(768 + (x & 0xFF)))
                ^ Unsafe.Add(ref t, (int)(512 + (x >> 8)))
                ^ Unsafe.Add(ref t, (int)(256 + ((word >> 16) & 0xFF)))
                ^ Unsafe.Add(ref t, (int)(word >> 24)));
        }

        for (; i < data.Length; i++)
        {
            c = (c >> 8) ^ Unsafe.Add(ref t, (int)((c ^ Unsafe.Add(ref b, i)) & 0xFF));
        }

        return (ushort)c;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ushort Accumulate(byte value, ushort crc)
    {
        uint c = crc;
        return (ushort)((c >> 8) ^ Tables[(int)((c ^ value) & 0xFF)]);
    }

    /// <summary>Reference bit-at-a-time form of one step, as written in the MAVLink spec (for tests).</summary>
    public static ushort AccumulateBitwise(byte value, ushort crc)
    {
        int tmp = value ^ (crc & 0xFF);
        tmp = (tmp ^ (tmp << 4)) & 0xFF;
        return (ushort)((crc >> 8) ^ (tmp << 8) ^ (tmp << 3) ^ (tmp >> 4));
    }

    private static ushort[] BuildTables()
    {
        var tables = new ushort[4 * 256];
        for (int i = 0; i < 256; i++)
        {
            uint c = (uint)i;
            for (int bit = 0; bit < 8; bit++)
            {
                c = (c & 1) != 0 ? (c >> 1) ^ 0x8408 : c >> 1;
            }

            tables[i] = (ushort)c;
        }

        for (int k = 1; k < 4; k++)
        {
            for (int i = 0; i < 256; i++)
            {
                uint previous = tables[((k - 1) * 256) + i];
                tables[(k * 256) + i] = (ushort)((previous >> 8) ^ tables[(int)(previous & 0xFF)]);
            }
        }

        return tables;
    }
}
