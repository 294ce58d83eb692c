using System.Buffers.Binary;
using System.Device.I2c;
using StrategicTech.Drivers.Sensors.Common;

namespace StrategicTech.Drivers.Sensors.Vl53l1x;

/// <summary>One VL53L1X measurement: distance (m), ST's range status, and the return signal rate (mega counts/s).</summary>
public readonly record struct Vl53l1xReading(long TimeUs, double DistanceM, Vl53l1xRangeStatus Status, double SignalRateMcps)
{
    public bool IsValid => Status == Vl53l1xRangeStatus.Valid;
}

/// <summary>
/// ST VL53L1X time-of-flight range finder over I²C (16-bit register indexes), in long distance mode (to 4 m) with
/// continuous ranging at a fixed inter-measurement period. Start-up follows ST's ULD sequence (boot check, model id
/// 0xEACC, default configuration block, one VHV calibration measurement, timing budget, inter-measurement period).
/// <see cref="TryReadRange"/> polls the data-ready bit and, when set, reads status, distance and signal in one
/// burst and clears the interrupt: it never waits, throws or allocates; faults go to <see cref="Health"/>.
/// </summary>
public sealed class Vl53l1x : IDisposable
{
    public const int DefaultAddress = 0x29;

    private const int ResultBurstBytes = 17; // 0x0089 (status) .. 0x0099 (signal rate low byte)

    private readonly I2cDevice _i2c;
    private readonly int _emptyReadLimit;
    private readonly byte[] _write = new byte[2 + 91];
    private readonly byte[] _result = new byte[ResultBurstBytes];
    private readonly byte[] _one = new byte[1];
    private int _dataReadyLevel = 1;
    private int _emptyReads;
    private bool _initialized;

    /// <param name="emptyReadLimit">Consecutive polls without a new measurement before "no data" is counted (1 kHz polls of a 50 ms sensor see ~50).</param>
    public Vl53l1x(I2cDevice i2c, int emptyReadLimit = 500)
    {
        ArgumentNullException.ThrowIfNull(i2c);
        ArgumentOutOfRangeException.ThrowIfLessThan(emptyReadLimit, 1);
        _i2c = i2c;
        _emptyReadLimit = emptyReadLimit;
    }

    public SensorHealth Health { get; } = new();

    /// <summary>Boots, identifies and configures the part and starts continuous ranging; false with the reason in <see cref="Health"/>.</summary>
    /// <param name="maxWaitMs">Start-up only: how long to wait for boot and for the calibration measurement.</param>
    public bool Initialize(Vl53l1xTimingBudget budget = Vl53l1xTimingBudget.Ms50, int intermeasurementMs = 50, int maxWaitMs = 500)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(intermeasurementMs, (int)budget);
        (ushort timeoutA, ushort timeoutB) = Vl53l1xConfiguration.LongModeTimeouts(budget);
        _initialized = false;
        try
        {
            if (!WaitFor(Register.FirmwareSystemStatus, 0x01, 0x01, maxWaitMs))
            {
                Health.Record(SensorFault.NoData);
                return false;
            }

            if (ReadUInt16(Register.IdentificationModelId) != Vl53l1xConfiguration.SensorId)
            {
                Health.Record(SensorFault.BadIdentity);
                return false;
            }

            WriteBlock(Register.DefaultConfigurationStart, Vl53l1xConfiguration.Defaults);
            _dataReadyLevel = (ReadByte(Register.GpioHvMuxCtrl) & 0x10) != 0 ? 0 : 1;

            // One measurement runs the VHV (temperature) calibration; later ones start from its result.
            WriteByte(Register.SystemInterruptClear, 0x01);
            WriteByte(Register.SystemModeStart, 0x40);
            if (!WaitFor(Register.GpioTioHvStatus, 0x01, (byte)_dataReadyLevel, maxWaitMs))
            {
                Health.Record(SensorFault.NoData);
                return false;
            }

            WriteByte(Register.SystemInterruptClear, 0x01);
            WriteByte(Register.SystemModeStart, 0x00);
            WriteByte(Register.VhvConfigTimeoutMacropLoopBound, 0x09);
            WriteByte(Register.VhvConfigInit, 0x00);

            // Long distance mode, then its timing budget and the inter-measurement period.
            WriteByte(Register.PhasecalConfigTimeoutMacrop, 0x0A);
            WriteByte(Register.RangeConfigVcselPeriodA, 0x0F);
            WriteByte(Register.RangeConfigVcselPeriodB, 0x0D);
            WriteByte(Register.RangeConfigValidPhaseHigh, 0xB8);
            WriteUInt16(Register.SdConfigWoiSd0, 0x0F0D);
            WriteUInt16(Register.SdConfigInitialPhaseSd0, 0x0E0E);
            WriteUInt16(Register.RangeConfigTimeoutMacropAHi, timeoutA);
            WriteUInt16(Register.RangeConfigTimeoutMacropBHi, timeoutB);
            ushort osc = ReadUInt16(Register.ResultOscCalibrateVal);
            WriteUInt32(Register.SystemIntermeasurementPeriod, Vl53l1xConfiguration.IntermeasurementPeriod(osc, intermeasurementMs));

            WriteByte(Register.SystemInterruptClear, 0x01);
            WriteByte(Register.SystemModeStart, 0x40);
        }
        catch (Exception e) when (BusErrors.IsBusFailure(e))
        {
            Health.Record(SensorFault.BusError);
            return false;
        }

        _emptyReads = 0;
        _initialized = true;
        Health.RecordInitialized();
        return true;
    }

    /// <summary>
    /// The newest measurement, if one is ready: true with any status (check <see cref="Vl53l1xReading.IsValid"/>);
    /// false when none is ready or the bus failed.
    /// </summary>
    public bool TryReadRange(long timeUs, out Vl53l1xReading reading)
    {
        reading = default;
        if (!_initialized || Health.PermanentFault)
        {
            return false;
        }

        try
        {
            if ((ReadByte(Register.GpioTioHvStatus) & 0x01) != _dataReadyLevel)
            {
                if (++_emptyReads >= _emptyReadLimit)
                {
                    _emptyReads = 0;
                    Health.Record(SensorFault.NoData);
                }

                return false;
            }

            _emptyReads = 0;
            ReadBurst(Register.ResultRangeStatus, _result);
            WriteByte(Register.SystemInterruptClear, 0x01);
        }
        catch (Exception e) when (BusErrors.IsBusFailure(e))
        {
            Health.Record(SensorFault.BusError);
            return false;
        }

        int distanceMm = BinaryPrimitives.ReadUInt16BigEndian(_result.AsSpan(Register.ResultFinalCrosstalkCorrectedRangeMmSd0 - Register.ResultRangeStatus));
        int signal = BinaryPrimitives.ReadUInt16BigEndian(_result.AsSpan(Register.ResultPeakSignalCountRateCrosstalkCorrectedMcpsSd0 - Register.ResultRangeStatus));
        reading = new Vl53l1xReading(timeUs, distanceMm * 1e-3, Vl53l1xConfiguration.MapStatus(_result[0]), signal / 128.0); // MCPS in 9.7 fixed point
        Health.RecordGood();
        return true;
    }

    public void Dispose() => _i2c.Dispose();

    private bool WaitFor(Register register, byte mask, byte level, int maxWaitMs)
    {
        for (int waited = 0; waited <= maxWaitMs; waited++)
        {
            if ((ReadByte(register) & mask) == (level & mask))
            {
                return true;
            }

            Thread.Sleep(1); // start-up only
        }

        return false;
    }

    private byte ReadByte(Register register)
    {
        ReadBurst(register, _one);
        return _one[0];
    }

    private ushort ReadUInt16(Register register)
    {
        ReadBurst(register, _result.AsSpan(0, 2));
        return BinaryPrimitives.ReadUInt16BigEndian(_result);
    }

    private void ReadBurst(Register register, Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt16BigEndian(_write, (ushort)register);
        _i2c.WriteRead(_write.AsSpan(0, 2), destination);
    }

    private void WriteByte(Register register, byte value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(_write, (ushort)register);
        _write[2] = value;
        _i2c.Write(_write.AsSpan(0, 3));
    }

    private void WriteUInt16(Register register, ushort value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(_write, (ushort)register);
        BinaryPrimitives.WriteUInt16BigEndian(_write.AsSpan(2), value);
        _i2c.Write(_write.AsSpan(0, 4));
    }

    private void WriteUInt32(Register register, uint value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(_write, (ushort)register);
        BinaryPrimitives.WriteUInt32BigEndian(_write.AsSpan(2), value);
        _i2c.Write(_write.AsSpan(0, 6));
    }

    private void WriteBlock(Register start, ReadOnlySpan<byte> values)
    {
        BinaryPrimitives.WriteUInt16BigEndian(_write, (ushort)start);
        values.CopyTo(_write.AsSpan(2));
        _i2c.Write(_write.AsSpan(0, 2 + values.Length));
    }
}
