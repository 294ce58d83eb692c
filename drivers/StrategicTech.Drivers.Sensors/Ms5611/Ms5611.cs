using System.Device.I2c;
using StrategicTech.Drivers.Sensors.Common;

namespace StrategicTech.Drivers.Sensors.Ms5611;

/// <summary>
/// TE MS5611 barometer over I²C, driven as a non-blocking state machine: <see cref="Update"/> starts a conversion
/// and collects it once its conversion time has passed, so the loop never waits. Pressure and temperature
/// conversions alternate (one compensated sample per pair). Allocation-free after construction.
/// </summary>
public sealed class Ms5611 : IDisposable
{
    public const int DefaultAddress = 0x77;

    private readonly I2cDevice _i2c;
    private readonly Oversampling _osr;
    private readonly long _conversionUs;
    private readonly int _stuckLimit;
    private readonly byte[] _command = new byte[1];
    private readonly byte[] _adc = new byte[3];
    private readonly ushort[] _prom = new ushort[8];
    private Ms5611Calibration _calibration;
    private State _state = State.Uninitialized;
    private long _conversionDoneUs;
    private uint _d1;
    private uint _lastD1;
    private uint _lastD2;
    private int _identicalSamples;
    private BarometerReading _latest;
    private bool _hasNew;

    public Ms5611(I2cDevice i2c, Oversampling oversampling = Oversampling.Osr4096, int stuckSampleLimit = 50)
    {
        ArgumentNullException.ThrowIfNull(i2c);
        _i2c = i2c;
        _osr = oversampling;
        _stuckLimit = stuckSampleLimit;
        _conversionUs = MaxConversionUs(oversampling);
    }

    private enum State
    {
        Uninitialized,
        Idle,
        ConvertingPressure,
        ConvertingTemperature,
    }

    public SensorHealth Health { get; } = new();

    public Ms5611Calibration Calibration => _calibration;

    /// <summary>Maximum conversion time per the datasheet, rounded up, microseconds.</summary>
    public static long MaxConversionUs(Oversampling osr) => osr switch
    {
        Oversampling.Osr256 => 600,
        Oversampling.Osr512 => 1170,
        Oversampling.Osr1024 => 2280,
        Oversampling.Osr2048 => 4540,
        _ => 9040,
    };

    /// <summary>Resets the part and reads and checks the PROM calibration; false with the reason in <see cref="Health"/>.</summary>
    public bool Initialize()
    {
        _state = State.Uninitialized;
        try
        {
            SendCommand((byte)Command.Reset);
            Thread.Sleep(3); // datasheet: the reload after reset takes 2.8 ms
            Span<byte> word = stackalloc byte[2];
            for (int i = 0; i < 8; i++)
            {
                _command[0] = (byte)((byte)Command.PromRead + (2 * i));
                _i2c.WriteRead(_command, word);
                _prom[i] = (ushort)((word[0] << 8) | word[1]);
            }
        }
        catch (Exception e) when (BusErrors.IsBusFailure(e))
        {
            Health.Record(SensorFault.BusError);
            return false;
        }

        if (!Ms5611Calibration.PromIsValid(_prom))
        {
            Health.Record(SensorFault.BadCalibration);
            return false;
        }

        _calibration = new Ms5611Calibration(_prom[1], _prom[2], _prom[3], _prom[4], _prom[5], _prom[6]);
        _state = State.Idle;
        Health.RecordInitialized();
        return true;
    }

    /// <summary>Advances the conversion cycle; call it from the loop at any rate. Never blocks.</summary>
    public void Update(long timeUs)
    {
        if (_state == State.Uninitialized || timeUs < _conversionDoneUs && _state != State.Idle)
        {
            return;
        }

        try
        {
            switch (_state)
            {
                case State.Idle:
                    StartConversion(Command.ConvertD1, State.ConvertingPressure, timeUs);
                    break;
                case State.ConvertingPressure:
                    if (TryReadAdc(out _d1))
                    {
                        StartConversion(Command.ConvertD2, State.ConvertingTemperature, timeUs);
                    }

                    break;
                case State.ConvertingTemperature:
                    if (TryReadAdc(out uint d2))
                    {
                        Publish(timeUs, _d1, d2);
                        StartConversion(Command.ConvertD1, State.ConvertingPressure, timeUs);
                    }

                    break;
            }
        }
        catch (Exception e) when (BusErrors.IsBusFailure(e))
        {
            Health.Record(SensorFault.BusError);
            _state = State.Idle; // start a fresh cycle next call
        }
    }

    /// <summary>The newest compensated sample, once: true only when a sample arrived since the last call.</summary>
    public bool TryReadPressure(out BarometerReading sample)
    {
        sample = _latest;
        if (!_hasNew)
        {
            return false;
        }

        _hasNew = false;
        return true;
    }

    public void Dispose() => _i2c.Dispose();

    private void Publish(long timeUs, uint d1, uint d2)
    {
        if (d1 == _lastD1 && d2 == _lastD2)
        {
            // Real pressure noise at any oversampling never repeats both words this long: refuse until it changes.
            if (++_identicalSamples >= _stuckLimit)
            {
                Health.Record(SensorFault.StuckData);
                return;
            }
        }
        else
        {
            _identicalSamples = 0;
        }

        _lastD1 = d1;
        _lastD2 = d2;
        (double pressurePa, double temperatureC) = _calibration.Compensate(d1, d2);
        _latest = new BarometerReading(timeUs, pressurePa, temperatureC);
        _hasNew = true;
        Health.RecordGood();
    }

    private void StartConversion(Command convert, State next, long timeUs)
    {
        SendCommand((byte)((byte)convert + (byte)_osr));
        _conversionDoneUs = timeUs + _conversionUs;
        _state = next;
    }

    /// <summary>Reads the ADC; a zero result means the conversion had not finished (or was never started).</summary>
    private bool TryReadAdc(out uint value)
    {
        _command[0] = (byte)Command.AdcRead;
        _i2c.WriteRead(_command, _adc);
        value = (uint)((_adc[0] << 16) | (_adc[1] << 8) | _adc[2]);
        if (value != 0)
        {
            return true;
        }

        Health.Record(SensorFault.NoData);
        _state = State.Idle;
        return false;
    }

    private void SendCommand(byte command)
    {
        _command[0] = command;
        _i2c.Write(_command);
    }
}
