using System.Device.I2c;
using StrategicTech.Drivers.Sensors.Common;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Drivers.Sensors.Ak09916;

/// <summary>
/// AKM AK09916 3-axis magnetometer over I²C (the die inside ICM-20948, and on many GNSS/compass modules) in
/// continuous mode. One 9-byte burst ST1..ST2 per read (reading ST2 ends the data-protect window, as the
/// datasheet requires). Field in tesla; overflow, bus errors, wrong identity and stuck data go to <see cref="Health"/>.
/// </summary>
public sealed class Ak09916 : IDisposable
{
    public const int DefaultAddress = 0x0C;
    public const byte CompanyId = 0x48;
    public const byte DeviceId = 0x09;

    /// <summary>Sensitivity 0.15 µT/LSB (datasheet: measurement range ±4912 µT, 16-bit output).</summary>
    public const double TeslaPerLsb = 0.15e-6;

    private const byte St1DataReady = 0x01;
    private const byte St2Overflow = 0x08;

    private readonly I2cDevice _i2c;
    private readonly Mode _mode;
    private readonly int _stuckLimit;
    private readonly byte[] _pointer = new byte[1];
    private readonly byte[] _write = new byte[2];
    private readonly byte[] _burst = new byte[9];
    private readonly byte[] _lastRaw = new byte[6];
    private int _identical;
    private bool _initialized;

    public Ak09916(I2cDevice i2c, Mode mode = Mode.Continuous100Hz, int stuckSampleLimit = 100)
    {
        ArgumentNullException.ThrowIfNull(i2c);
        _i2c = i2c;
        _mode = mode;
        _stuckLimit = stuckSampleLimit;
    }

    public SensorHealth Health { get; } = new();

    /// <summary>Checks the identity, soft-resets and starts continuous measurement.</summary>
    public bool Initialize()
    {
        _initialized = false;
        try
        {
            Span<byte> id = stackalloc byte[2];
            _pointer[0] = (byte)Register.Wia1;
            _i2c.WriteRead(_pointer, id);
            if (id[0] != CompanyId || id[1] != DeviceId)
            {
                Health.Record(SensorFault.BadIdentity);
                return false;
            }

            WriteRegister(Register.Cntl3, 0x01); // SRST
            WriteRegister(Register.Cntl2, (byte)_mode);
        }
        catch (Exception e) when (BusErrors.IsBusFailure(e))
        {
            Health.Record(SensorFault.BusError);
            return false;
        }

        _initialized = true;
        Health.RecordInitialized();
        return true;
    }

    /// <summary>The newest field measurement if one is ready (ST1.DRDY) and valid (no ST2.HOFL overflow).</summary>
    public bool TryReadField(long timeUs, out MagnetometerReading sample)
    {
        sample = default;
        if (!_initialized || Health.PermanentFault)
        {
            return false;
        }

        try
        {
            _pointer[0] = (byte)Register.St1;
            _i2c.WriteRead(_pointer, _burst);
        }
        catch (Exception e) when (BusErrors.IsBusFailure(e))
        {
            Health.Record(SensorFault.BusError);
            return false;
        }

        if ((_burst[0] & St1DataReady) == 0)
        {
            return false;
        }

        if ((_burst[8] & St2Overflow) != 0)
        {
            Health.Record(SensorFault.Overflow);
            return false;
        }

        ReadOnlySpan<byte> raw = _burst.AsSpan(1, 6);
        if (raw.SequenceEqual(_lastRaw))
        {
            if (++_identical >= _stuckLimit)
            {
                Health.Record(SensorFault.StuckData);
                return false;
            }
        }
        else
        {
            _identical = 0;
            raw.CopyTo(_lastRaw);
        }

        sample = new MagnetometerReading(timeUs, new Vector3(
            Words.I16Le(raw, 0) * TeslaPerLsb,
            Words.I16Le(raw, 2) * TeslaPerLsb,
            Words.I16Le(raw, 4) * TeslaPerLsb));
        Health.RecordGood();
        return true;
    }

    public void Dispose() => _i2c.Dispose();

    private void WriteRegister(Register register, byte value)
    {
        _write[0] = (byte)register;
        _write[1] = value;
        _i2c.Write(_write);
    }
}
