using System.Device.I2c;
using StrategicTech.Drivers.Sensors.Common;

namespace StrategicTech.Drivers.Sensors.Pca9685;

/// <summary>
/// NXP PCA9685 16-channel 12-bit PWM controller over I²C, used for ESC/servo outputs. The PWM frequency is set
/// through PRE_SCALE = round(osc / (4096 · f)) − 1 (datasheet equation 1, written only while asleep); a pulse
/// width becomes an OFF count with ON at 0. One 5-byte auto-increment write per channel; allocation-free.
/// </summary>
public sealed class Pca9685 : IDisposable
{
    public const int DefaultAddress = 0x40;
    public const int ChannelCount = 16;
    public const double InternalOscillatorHz = 25_000_000;

    private readonly I2cDevice _i2c;
    private readonly double _oscillatorHz;
    private readonly byte[] _write = new byte[5];
    private bool _initialized;

    public Pca9685(I2cDevice i2c, double oscillatorHz = InternalOscillatorHz)
    {
        ArgumentNullException.ThrowIfNull(i2c);
        _i2c = i2c;
        _oscillatorHz = oscillatorHz;
    }

    public SensorHealth Health { get; } = new();

    /// <summary>The frequency the prescaler really gives (it is quantized), Hz.</summary>
    public double FrequencyHz { get; private set; }

    public byte Prescale { get; private set; }

    /// <summary>PRE_SCALE for a frequency (datasheet: 200 Hz with the 25 MHz oscillator → 30 = 0x1E).</summary>
    public static byte PrescaleFor(double frequencyHz, double oscillatorHz = InternalOscillatorHz)
    {
        double value = Math.Round(oscillatorHz / (4096.0 * frequencyHz)) - 1;
        if (value < 3 || value > 255)
        {
            throw new ArgumentOutOfRangeException(nameof(frequencyHz), frequencyHz, "the PCA9685 runs from about 24 Hz to 1526 Hz (PRE_SCALE 3..255)");
        }

        return (byte)value;
    }

    /// <summary>Sets the frequency and output mode and turns every channel off.</summary>
    public bool Initialize(double frequencyHz)
    {
        byte prescale = PrescaleFor(frequencyHz, _oscillatorHz);
        _initialized = false;
        try
        {
            WriteRegister(Register.Mode1, Mode1Bits.Sleep | Mode1Bits.AutoIncrement);
            WriteRegister(Register.PreScale, prescale);
            WriteRegister(Register.Mode2, Mode2Bits.OutDrv);
            WriteRegister(Register.Mode1, Mode1Bits.AutoIncrement);
            Thread.Sleep(1); // datasheet: the oscillator needs 500 µs after leaving sleep before RESTART
            WriteRegister(Register.Mode1, Mode1Bits.Restart | Mode1Bits.AutoIncrement);
            WriteChannel((byte)Register.AllLedOnL, 0, 0);
        }
        catch (Exception e) when (BusErrors.IsBusFailure(e))
        {
            Health.Record(SensorFault.BusError);
            return false;
        }

        Prescale = prescale;
        FrequencyHz = _oscillatorHz / (4096.0 * (prescale + 1));
        _initialized = true;
        Health.RecordInitialized();
        return true;
    }

    /// <summary>The 12-bit OFF count for a pulse width at the configured frequency (ON at count 0).</summary>
    public int CountsFor(double pulseWidthUs) =>
        Math.Clamp((int)Math.Round(pulseWidthUs * 1e-6 * FrequencyHz * 4096.0), 0, 4095);

    /// <summary>Sets one channel's pulse width in microseconds; false (counted) when the write fails.</summary>
    public bool TrySetPulseWidth(int channel, double pulseWidthUs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(channel);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(channel, ChannelCount);
        if (!_initialized)
        {
            return false;
        }

        try
        {
            WriteChannel((byte)((int)Register.Led0OnL + (4 * channel)), 0, CountsFor(pulseWidthUs));
            Health.RecordGood();
            return true;
        }
        catch (Exception e) when (BusErrors.IsBusFailure(e))
        {
            Health.Record(SensorFault.BusError);
            return false;
        }
    }

    /// <summary>Writes ON/OFF counts (each 0..4095) for a channel starting at <paramref name="register"/>.</summary>
    public void WriteChannel(byte register, int onCount, int offCount)
    {
        _write[0] = register;
        _write[1] = (byte)onCount;
        _write[2] = (byte)((onCount >> 8) & 0x0F);
        _write[3] = (byte)offCount;
        _write[4] = (byte)((offCount >> 8) & 0x0F);
        _i2c.Write(_write);
    }

    public void Dispose() => _i2c.Dispose();

    private void WriteRegister(Register register, byte value)
    {
        _write[0] = (byte)register;
        _write[1] = value;
        _i2c.Write(_write.AsSpan(0, 2));
    }
}
