using System.Buffers.Binary;
using System.Device.I2c;

namespace StrategicTech.Drivers.Sensors.Vl53l1x;

/// <summary>
/// A simulated VL53L1X behind <see cref="I2cDevice"/>: 16-bit big-endian register indexes with auto-increment,
/// model id 0xEACC, booted status, the oscillator calibration word, and ranging: writing 0x40 to SYSTEM__MODE_START
/// starts it (the first, calibration, measurement is ready at once), each <see cref="Push"/> latches a result
/// (status, distance, signal) and raises data-ready, and SYSTEM__INTERRUPT_CLEAR lowers it. Data-ready follows the
/// polarity bit of GPIO_HV_MUX__CTRL as the part's does.
/// </summary>
public sealed class Vl53l1xSimulator : I2cDevice
{
    /// <summary>RESULT__OSC_CALIBRATE_VAL of the simulated part (a factory-trimmed value per part on real ones).</summary>
    public const ushort OscCalibrateValue = 0x01B4;

    private readonly byte[] _registers = new byte[0x200];
    private int _pointer;

    public Vl53l1xSimulator(int busId = 1, int address = Vl53l1x.DefaultAddress)
    {
        ConnectionSettings = new I2cConnectionSettings(busId, address);
        BinaryPrimitives.WriteUInt16BigEndian(_registers.AsSpan((int)Register.IdentificationModelId), Vl53l1xConfiguration.SensorId);
        BinaryPrimitives.WriteUInt16BigEndian(_registers.AsSpan((int)Register.ResultOscCalibrateVal), OscCalibrateValue);
        _registers[(int)Register.FirmwareSystemStatus] = 0x03; // booted
        _registers[(int)Register.GpioHvMuxCtrl] = 0x01;
    }

    public override I2cConnectionSettings ConnectionSettings { get; }

    /// <summary>When true every transfer throws <see cref="IOException"/>, as a NACKing (unplugged) part does.</summary>
    public bool Disconnected { get; set; }

    /// <summary>Continuous ranging is on (SYSTEM__MODE_START = 0x40).</summary>
    public bool Ranging => _registers[(int)Register.SystemModeStart] == 0x40;

    public int InterruptClears { get; private set; }

    public byte this[Register register] => _registers[(int)register];

    public ushort Word(Register register) => BinaryPrimitives.ReadUInt16BigEndian(_registers.AsSpan((int)register));

    public uint DoubleWord(Register register) => BinaryPrimitives.ReadUInt32BigEndian(_registers.AsSpan((int)register));

    /// <summary>
    /// Latches a measurement while ranging: <paramref name="distanceM"/> with raw status 9 (valid) when
    /// <paramref name="valid"/>, else raw 4 (signal failure: nothing in range); signal rate in MCPS.
    /// </summary>
    public void Push(double distanceM, bool valid, double signalRateMcps = 10.0)
    {
        if (!Ranging)
        {
            return;
        }

        _registers[(int)Register.ResultRangeStatus] = valid ? Vl53l1xConfiguration.RawStatusValid : (byte)4;
        ushort distanceMm = (ushort)Math.Clamp(Math.Round(distanceM * 1000), 0, ushort.MaxValue);
        ushort signal = (ushort)Math.Clamp(Math.Round(signalRateMcps * 128), 0, ushort.MaxValue);
        BinaryPrimitives.WriteUInt16BigEndian(_registers.AsSpan((int)Register.ResultFinalCrosstalkCorrectedRangeMmSd0), distanceMm);
        BinaryPrimitives.WriteUInt16BigEndian(_registers.AsSpan((int)Register.ResultPeakSignalCountRateCrosstalkCorrectedMcpsSd0), signal);
        SetDataReady(true);
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Check();
        if (buffer.Length < 2)
        {
            throw new IOException("VL53L1X: a transfer starts with a 16-bit register index");
        }

        _pointer = BinaryPrimitives.ReadUInt16BigEndian(buffer) % _registers.Length;
        for (int i = 2; i < buffer.Length; i++)
        {
            OnWrite(_pointer, buffer[i]);
            _pointer = (_pointer + 1) % _registers.Length;
        }
    }

    public override void Read(Span<byte> buffer)
    {
        Check();
        for (int i = 0; i < buffer.Length; i++)
        {
            buffer[i] = _registers[_pointer];
            _pointer = (_pointer + 1) % _registers.Length;
        }
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

    public override void WriteByte(byte value) => throw new IOException("VL53L1X: a single byte is not a register index");

    private void OnWrite(int register, byte value)
    {
        _registers[register] = value;
        if (register == (int)Register.SystemInterruptClear && (value & 0x01) != 0)
        {
            InterruptClears++;
            SetDataReady(false);
        }
        else if (register == (int)Register.SystemModeStart && value == 0x40)
        {
            SetDataReady(true); // the first measurement after a start
        }
    }

    private void SetDataReady(bool ready)
    {
        int activeLevel = (_registers[(int)Register.GpioHvMuxCtrl] & 0x10) != 0 ? 0 : 1;
        int level = ready ? activeLevel : 1 - activeLevel;
        _registers[(int)Register.GpioTioHvStatus] = (byte)((_registers[(int)Register.GpioTioHvStatus] & 0xFE) | level);
    }

    private void Check()
    {
        if (Disconnected)
        {
            throw new IOException("simulated VL53L1X does not acknowledge");
        }
    }
}
