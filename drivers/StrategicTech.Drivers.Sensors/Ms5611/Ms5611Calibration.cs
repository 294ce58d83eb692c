namespace StrategicTech.Drivers.Sensors.Ms5611;

/// <summary>
/// Factory calibration C1..C6 from PROM and the datasheet's compensation (first order plus the second-order
/// correction below 20 °C), in the datasheet's 64-bit integer arithmetic (divisions by 2^n as written there, truncating toward zero) so results
/// match it to the count.
/// </summary>
public readonly record struct Ms5611Calibration(ushort C1, ushort C2, ushort C3, ushort C4, ushort C5, ushort C6)
{
    /// <summary>Compensated pressure (Pa) and temperature (°C) from the raw D1 (pressure) and D2 (temperature).</summary>
    public (double PressurePa, double TemperatureC) Compensate(uint d1, uint d2)
    {
        (long p, long temp) = CompensateCounts(d1, d2);
        return (p, temp / 100.0);
    }

    /// <summary>Pressure in 0.01 mbar (= Pa) and temperature in 0.01 °C, exactly as the datasheet computes them.</summary>
    public (long Pressure, long Temperature) CompensateCounts(uint d1, uint d2)
    {
        long dT = d2 - ((long)C5 << 8);
        long temp = 2000 + (dT * C6 / (1L << 23));
        long off = ((long)C2 << 16) + (C4 * dT / (1L << 7));
        long sens = ((long)C1 << 15) + (C3 * dT / (1L << 8));

        if (temp < 2000)
        {
            long t2 = dT * dT / (1L << 31);
            long low = temp - 2000;
            long off2 = 5 * low * low / 2;
            long sens2 = 5 * low * low / 4;
            if (temp < -1500)
            {
                long veryLow = temp + 1500;
                off2 += 7 * veryLow * veryLow;
                sens2 += 11 * veryLow * veryLow / 2;
            }

            temp -= t2;
            off -= off2;
            sens -= sens2;
        }

        long p = ((d1 * sens / (1L << 21)) - off) / (1L << 15);
        return (p, temp);
    }

    /// <summary>The 4-bit CRC of the eight PROM words (application note AN520); the stored CRC is word 7's low nibble.</summary>
    public static byte Crc4(ReadOnlySpan<ushort> prom)
    {
        if (prom.Length != 8)
        {
            throw new ArgumentException("the MS5611 PROM has 8 words", nameof(prom));
        }

        uint remainder = 0;
        for (int count = 0; count < 16; count++)
        {
            ushort word = count == 15 ? (ushort)(prom[7] & 0xFF00) : prom[count >> 1];
            remainder ^= (count & 1) == 1 ? (uint)(word & 0x00FF) : (uint)(word >> 8);
            for (int bit = 8; bit > 0; bit--)
            {
                remainder = (remainder & 0x8000) != 0 ? (remainder << 1) ^ 0x3000 : remainder << 1;
            }
        }

        return (byte)((remainder >> 12) & 0xF);
    }

    /// <summary>True when the PROM's stored CRC matches and the words are not all 0x0000/0xFFFF (bus stuck).</summary>
    public static bool PromIsValid(ReadOnlySpan<ushort> prom)
    {
        bool allZero = true, allOnes = true;
        foreach (ushort w in prom)
        {
            allZero &= w == 0;
            allOnes &= w == 0xFFFF;
        }

        return !allZero && !allOnes && Crc4(prom) == (prom[7] & 0xF);
    }
}
