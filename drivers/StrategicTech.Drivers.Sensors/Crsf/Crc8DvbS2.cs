namespace StrategicTech.Drivers.Sensors.Crsf;

/// <summary>CRC-8/DVB-S2: polynomial 0xD5, initial value 0, no reflection, no final XOR (the CRSF frame CRC).</summary>
public static class Crc8DvbS2
{
    private static readonly byte[] Table = BuildTable();

    public static byte Compute(ReadOnlySpan<byte> data)
    {
        byte crc = 0;
        foreach (byte b in data)
        {
            crc = Table[crc ^ b];
        }

        return crc;
    }

    private static byte[] BuildTable()
    {
        var table = new byte[256];
        for (int i = 0; i < 256; i++)
        {
            int crc = i;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x80) != 0 ? (crc << 1) ^ 0xD5 : crc << 1;
            }

            table[i] = (byte)crc;
        }

        return table;
    }
}
