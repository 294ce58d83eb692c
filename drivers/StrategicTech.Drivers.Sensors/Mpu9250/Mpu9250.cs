using System.Device.Spi;
using StrategicTech.Drivers.Sensors.Common;

namespace StrategicTech.Drivers.Sensors.Mpu9250;

/// <summary>
/// InvenSense MPU-9250 accelerometer/gyroscope over SPI, read through its FIFO in bursts (1 kHz sampling, the
/// loop drains whatever accumulated). Reads allocate nothing; bus failures, a wrong WHO_AM_I, FIFO overflow and
/// stuck data are counted in <see cref="Health"/>, never thrown. The on-die AK8963 magnetometer is not used.
/// </summary>
public sealed class Mpu9250 : IDisposable
{
    public const byte WhoAmIMpu9250 = 0x71;
    public const byte WhoAmIMpu9255 = 0x73;

    private readonly SpiDevice _spi;
    private readonly SpiDevice _configurationSpi;
    private readonly Mpu9250Settings _settings;
    private readonly Mpu9250Scale _scale;
    private readonly byte[] _tx = new byte[1 + Mpu9250Fifo.CapacityBytes];
    private readonly byte[] _rx = new byte[1 + Mpu9250Fifo.CapacityBytes];
    private readonly byte[] _lastPacket = new byte[Mpu9250Fifo.PacketBytes];
    private int _identicalPackets;
    private int _emptyReads;
    private bool _initialized;

    /// <param name="spi">The device for sensor and FIFO reads (the datasheet allows up to 20 MHz).</param>
    /// <param name="settings">Ranges, rate and fault thresholds.</param>
    /// <param name="configurationSpi">
    /// The same chip select opened at ≤ 1 MHz for register writes and read-back (the datasheet's limit for
    /// "all registers read/write"); null uses <paramref name="spi"/> for everything (fine when it is ≤ 1 MHz).
    /// </param>
    public Mpu9250(SpiDevice spi, Mpu9250Settings? settings = null, SpiDevice? configurationSpi = null)
    {
        ArgumentNullException.ThrowIfNull(spi);
        _spi = spi;
        _configurationSpi = configurationSpi ?? spi;
        _settings = settings ?? new Mpu9250Settings();
        _scale = Mpu9250Scale.For(_settings.AccelerometerRange, _settings.GyroscopeRange);
    }

    public SensorHealth Health { get; } = new();

    public Mpu9250Scale Scale => _scale;

    /// <summary>FIFO overflows seen (the loop drained too slowly); each resets the FIFO and loses its samples.</summary>
    public long FifoOverflows { get; private set; }

    /// <summary>Resets and configures the part; false (with the reason in <see cref="Health"/>) when it is absent or not an MPU-9250.</summary>
    public bool Initialize()
    {
        _initialized = false;
        try
        {
            WriteRegister(Register.PwrMgmt1, Bits.PwrMgmt1Reset);
            if (_settings.ResetDelayMs > 0)
            {
                Thread.Sleep(_settings.ResetDelayMs);
            }

            byte who = ReadConfiguration(Register.WhoAmI);
            if (who is not WhoAmIMpu9250 and not WhoAmIMpu9255)
            {
                Health.Record(SensorFault.BadIdentity);
                return false;
            }

            WriteRegister(Register.PwrMgmt1, Bits.PwrMgmt1ClockAuto);
            WriteRegister(Register.UserCtrl, Bits.UserCtrlI2cInterfaceDisable);
            WriteRegister(Register.PwrMgmt2, 0);
            WriteRegister(Register.SmplrtDiv, _settings.SampleRateDivider);
            WriteRegister(Register.Config, Bits.ConfigFifoModeStopWhenFull | Bits.ConfigDlpf184Hz);
            WriteRegister(Register.GyroConfig, (byte)((byte)_settings.GyroscopeRange << 3));
            WriteRegister(Register.AccelConfig, (byte)((byte)_settings.AccelerometerRange << 3));
            WriteRegister(Register.AccelConfig2, Bits.AccelConfig2Dlpf218Hz);
            WriteRegister(Register.FifoEn, Bits.FifoEnTempGyroAccel);
            ResetFifo();

            // Read the configuration back: a part that ignores writes (brown-out, wrong chip select) is not usable.
            if (ReadConfiguration(Register.GyroConfig) != (byte)((byte)_settings.GyroscopeRange << 3)
                || ReadConfiguration(Register.AccelConfig) != (byte)((byte)_settings.AccelerometerRange << 3)
                || ReadConfiguration(Register.FifoEn) != Bits.FifoEnTempGyroAccel)
            {
                Health.Record(SensorFault.BadIdentity);
                return false;
            }
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

    /// <summary>
    /// Drains the FIFO: up to <paramref name="destination"/>.Length samples (at most 36), the newest stamped
    /// <paramref name="timeUs"/>. False when nothing new arrived or the read failed (see <see cref="Health"/>).
    /// </summary>
    public bool TryReadFifo(long timeUs, Span<ImuReading> destination, out int count)
    {
        count = 0;
        if (!_initialized || Health.PermanentFault)
        {
            return false;
        }

        try
        {
            ReadBurst(Register.IntStatus, 1);
            bool overflow = (_rx[1] & Bits.IntStatusFifoOverflow) != 0;
            ReadBurst(Register.FifoCountH, 2);
            int bytes = ((_rx[1] & 0x1F) << 8) | _rx[2];
            if (overflow || bytes >= Mpu9250Fifo.CapacityBytes)
            {
                FifoOverflows++;
                Health.Record(SensorFault.Overflow);
                ResetFifo();
                return false;
            }

            int packets = Math.Min(bytes / Mpu9250Fifo.PacketBytes, Math.Min(destination.Length, Mpu9250Fifo.MaxPackets));
            if (packets == 0)
            {
                if (++_emptyReads >= _settings.EmptyReadLimit)
                {
                    _emptyReads = 0;
                    Health.Record(SensorFault.NoData);
                }

                return false;
            }

            _emptyReads = 0;
            int length = packets * Mpu9250Fifo.PacketBytes;
            ReadBurst(Register.FifoRW, length);
            ReadOnlySpan<byte> data = _rx.AsSpan(1, length);
            if (IsStuck(data))
            {
                Health.Record(SensorFault.StuckData);
                return false;
            }

            count = Mpu9250Fifo.Decode(data, _scale, timeUs, _settings.SamplePeriodUs, destination);
            Health.RecordGood();
            return true;
        }
        catch (Exception e) when (BusErrors.IsBusFailure(e))
        {
            Health.Record(SensorFault.BusError);
            return false;
        }
    }

    public void Dispose()
    {
        _spi.Dispose();
        if (!ReferenceEquals(_configurationSpi, _spi))
        {
            _configurationSpi.Dispose();
        }
    }

    private bool IsStuck(ReadOnlySpan<byte> data)
    {
        for (int i = 0; i < data.Length; i += Mpu9250Fifo.PacketBytes)
        {
            ReadOnlySpan<byte> packet = data.Slice(i, Mpu9250Fifo.PacketBytes);
            if (packet.SequenceEqual(_lastPacket))
            {
                _identicalPackets++;
            }
            else
            {
                _identicalPackets = 0;
                packet.CopyTo(_lastPacket);
            }
        }

        return _identicalPackets >= _settings.StuckPacketLimit;
    }

    private void ResetFifo()
    {
        WriteRegister(Register.UserCtrl, Bits.UserCtrlI2cInterfaceDisable | Bits.UserCtrlFifoReset);
        WriteRegister(Register.UserCtrl, Bits.UserCtrlI2cInterfaceDisable | Bits.UserCtrlFifoEnable);
    }

    private byte ReadConfiguration(Register register)
    {
        ReadBurst(_configurationSpi, register, 1);
        return _rx[1];
    }

    private void ReadBurst(Register register, int length) => ReadBurst(_spi, register, length);

    /// <summary>One SPI transaction: the register address with the read bit, then <paramref name="length"/> bytes clocked in.</summary>
    private void ReadBurst(SpiDevice device, Register register, int length)
    {
        Span<byte> tx = _tx.AsSpan(0, length + 1);
        tx.Clear();
        tx[0] = (byte)((byte)register | Bits.SpiRead);
        device.TransferFullDuplex(tx, _rx.AsSpan(0, length + 1));
    }

    private void WriteRegister(Register register, byte value)
    {
        _tx[0] = (byte)register;
        _tx[1] = value;
        _configurationSpi.Write(_tx.AsSpan(0, 2));
    }
}
