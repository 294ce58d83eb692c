using System.Device.I2c;

namespace StrategicTech.Drivers.Sensors.Ms5611;

/// <summary>
/// A simulated MS5611 behind <see cref="I2cDevice"/>: PROM words, conversion commands that latch D1/D2 and an ADC
/// read that returns 0 when no conversion was started (as the part does). The test or HIL sets the raw values.
/// </summary>
public sealed class Ms5611Simulator : I2cDevice
{
    private readonly ushort[] _prom = new ushort[8];
    private byte _lastCommand;
    private uint _adcResult;

    public Ms5611Simulator(ReadOnlySpan<ushort> prom, int busId = 1, int address = Ms5611.DefaultAddress)
    {
        prom.CopyTo(_prom);
        ConnectionSettings = new I2cConnectionSettings(busId, address);
    }

    public override I2cConnectionSettings ConnectionSettings { get; }

    /// <summary>Raw pressure result the next D1 conversion yields.</summary>
    public uint D1 { get; set; }

    /// <summary>Raw temperature result the next D2 conversion yields.</summary>
    public uint D2 { get; set; }

    public bool Disconnected { get; set; }

    public int Resets { get; private set; }

    /// <summary>
    /// Sets the raw D1/D2 the next conversions yield so that the datasheet's compensation with this PROM's C1..C6
    /// gives <paramref name="pressurePa"/> and <paramref name="temperatureC"/> to the count (1 Pa, 0.01 °C):
    /// both results rise monotonically with their raw word, so each is the smallest 24-bit word reaching the target
    /// (bisection, temperature first since pressure depends on it). Values outside the part's range saturate.
    /// </summary>
    public void SetMeasurement(double pressurePa, double temperatureC)
    {
        var calibration = new Ms5611Calibration(_prom[1], _prom[2], _prom[3], _prom[4], _prom[5], _prom[6]);
        long temperatureTarget = (long)Math.Round(temperatureC * 100);
        long pressureTarget = (long)Math.Round(pressurePa);
        uint d2 = SmallestReaching(calibration, temperatureTarget, fixedD1: 0, solveTemperature: true);
        uint d1 = SmallestReaching(calibration, pressureTarget, fixedD2: d2, solveTemperature: false);
        D1 = d1;
        D2 = d2;
    }

    /// <summary>Builds a PROM image: word 0 (factory data), C1..C6, and word 7 carrying a correct CRC-4.</summary>
    public static ushort[] BuildProm(Ms5611Calibration c, ushort factoryWord = 0x0050, ushort serialWord = 0x0A30)
    {
        ushort[] prom = [factoryWord, c.C1, c.C2, c.C3, c.C4, c.C5, c.C6, (ushort)(serialWord & 0xFFF0)];
        prom[7] |= Ms5611Calibration.Crc4(prom);
        return prom;
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Check();
        if (buffer.IsEmpty)
        {
            return;
        }

        byte command = buffer[0];
        _lastCommand = command;
        if (command == (byte)Command.Reset)
        {
            Resets++;
            _adcResult = 0;
        }
        else if ((command & 0xF0) == (byte)Command.ConvertD1)
        {
            _adcResult = D1;
        }
        else if ((command & 0xF0) == (byte)Command.ConvertD2)
        {
            _adcResult = D2;
        }
    }

    public override void Read(Span<byte> buffer)
    {
        Check();
        if (_lastCommand >= (byte)Command.PromRead && _lastCommand <= (byte)Command.PromRead + 14)
        {
            ushort word = _prom[(_lastCommand - (byte)Command.PromRead) / 2];
            buffer[0] = (byte)(word >> 8);
            if (buffer.Length > 1)
            {
                buffer[1] = (byte)word;
            }

            return;
        }

        if (_lastCommand == (byte)Command.AdcRead)
        {
            uint value = _adcResult;
            _adcResult = 0; // a second read without a new conversion returns 0
            for (int i = 0; i < buffer.Length; i++)
            {
                buffer[i] = i < 3 ? (byte)(value >> (8 * (2 - i))) : (byte)0;
            }

            return;
        }

        buffer.Clear();
    }

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        Write(writeBuffer);
        Read(readBuffer);
    }

    public override byte ReadByte()
    {
        Span<byte> one = stackalloc byte[1];
        Read(one);
        return one[0];
    }

    public override void WriteByte(byte value) => Write([value]);

    private void Check()
    {
        if (Disconnected)
        {
            throw new IOException("simulated MS5611 does not acknowledge");
        }
    }

    private static uint SmallestReaching(Ms5611Calibration c, long target, uint fixedD1 = 0, uint fixedD2 = 0, bool solveTemperature = false)
    {
        const uint maxWord = (1u << 24) - 1;
        uint low = 1;
        uint high = maxWord;
        while (low < high)
        {
            uint mid = low + ((high - low) / 2);
            (long p, long t) = solveTemperature ? c.CompensateCounts(fixedD1, mid) : c.CompensateCounts(mid, fixedD2);
            if ((solveTemperature ? t : p) >= target)
            {
                high = mid;
            }
            else
            {
                low = mid + 1;
            }
        }

        return low;
    }
}
