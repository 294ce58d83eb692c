namespace StrategicTech.Drivers.Sensors.Common;

/// <summary>Sixteen 11-bit values packed little-endian, LSB first, in 22 bytes (the SBUS and CRSF channel layout).</summary>
public static class Bits11
{
    public const int PackedBytes = 22;

    public static void Unpack(ReadOnlySpan<byte> packed, ref RcChannels microseconds)
    {
        uint accumulator = 0;
        int bits = 0;
        int channel = 0;
        for (int i = 0; i < PackedBytes && channel < RcChannels.Count; i++)
        {
            accumulator |= (uint)packed[i] << bits;
            bits += 8;
            if (bits >= 11)
            {
                microseconds[channel++] = RcInput.RawToMicroseconds((int)(accumulator & 0x7FF));
                accumulator >>= 11;
                bits -= 11;
            }
        }
    }

    public static void Pack(ReadOnlySpan<ushort> raw11, Span<byte> packed)
    {
        packed[..PackedBytes].Clear();
        int bit = 0;
        for (int c = 0; c < RcChannels.Count; c++)
        {
            uint v = (uint)(raw11[c] & 0x7FF);
            for (int k = 0; k < 11; k++, bit++)
            {
                if ((v & (1u << k)) != 0)
                {
                    packed[bit >> 3] |= (byte)(1 << (bit & 7));
                }
            }
        }
    }
}
