using System.Buffers.Binary;
using System.Device.Spi;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Drivers.Sensors.Mpu9250;

/// <summary>
/// A simulated MPU-9250 behind <see cref="SpiDevice"/>: register file, WHO_AM_I, reset, and a 512-byte FIFO that
/// fills with 14-byte packets as samples are pushed (stop-when-full, overflow flag), following the register map.
/// </summary>
public sealed class Mpu9250Simulator : SpiDevice
{
    private readonly byte[] _registers = new byte[128];
    private readonly byte[] _fifo = new byte[Mpu9250Fifo.CapacityBytes];
    private int _fifoHead;
    private int _fifoCount;

    public Mpu9250Simulator(byte whoAmI = Mpu9250.WhoAmIMpu9250)
    {
        WhoAmI = whoAmI;
        ConnectionSettings = new SpiConnectionSettings(0, 1) { ClockFrequency = 10_000_000, Mode = SpiMode.Mode3 };
        PowerOnReset();
    }

    public override SpiConnectionSettings ConnectionSettings { get; }

    public byte WhoAmI { get; set; }

    /// <summary>When true every transfer throws <see cref="IOException"/> (device unplugged, bus error).</summary>
    public bool Disconnected { get; set; }

    public int FifoCount => _fifoCount;

    public byte RegisterValue(Register register) => _registers[(int)register];

    /// <summary>Pushes one sample of raw counts: data registers update and, when the FIFO is enabled, a packet is queued.</summary>
    public void PushRaw(short ax, short ay, short az, short temperature, short gx, short gy, short gz)
    {
        Span<byte> packet = stackalloc byte[Mpu9250Fifo.PacketBytes];
        BinaryPrimitives.WriteInt16BigEndian(packet, ax);
        BinaryPrimitives.WriteInt16BigEndian(packet[2..], ay);
        BinaryPrimitives.WriteInt16BigEndian(packet[4..], az);
        BinaryPrimitives.WriteInt16BigEndian(packet[6..], temperature);
        BinaryPrimitives.WriteInt16BigEndian(packet[8..], gx);
        BinaryPrimitives.WriteInt16BigEndian(packet[10..], gy);
        BinaryPrimitives.WriteInt16BigEndian(packet[12..], gz);
        packet.CopyTo(_registers.AsSpan((int)Register.AccelXoutH));

        bool fifoOn = (_registers[(int)Register.UserCtrl] & Bits.UserCtrlFifoEnable) != 0
            && _registers[(int)Register.FifoEn] == Bits.FifoEnTempGyroAccel;
        if (!fifoOn)
        {
            return;
        }

        if (_fifoCount + Mpu9250Fifo.PacketBytes > Mpu9250Fifo.CapacityBytes)
        {
            _registers[(int)Register.IntStatus] |= Bits.IntStatusFifoOverflow;
            return;
        }

        for (int i = 0; i < packet.Length; i++)
        {
            _fifo[(_fifoHead + _fifoCount + i) % _fifo.Length] = packet[i];
        }

        _fifoCount += Mpu9250Fifo.PacketBytes;
    }

    /// <summary>Pushes one sample in SI units, quantized with the full-scale ranges currently configured.</summary>
    public void Push(Vector3 accelerationMps2, Vector3 angularRateRadps, double temperatureC)
    {
        var scale = Mpu9250Scale.For(
            (AccelerometerRange)((_registers[(int)Register.AccelConfig] >> 3) & 3),
            (GyroscopeRange)((_registers[(int)Register.GyroConfig] >> 3) & 3));
        PushRaw(
            Quantize(accelerationMps2.X / scale.AccelerationMps2PerLsb),
            Quantize(accelerationMps2.Y / scale.AccelerationMps2PerLsb),
            Quantize(accelerationMps2.Z / scale.AccelerationMps2PerLsb),
            Quantize((temperatureC - Mpu9250Scale.TemperatureOffsetC) * Mpu9250Scale.TemperatureLsbPerC),
            Quantize(angularRateRadps.X / scale.AngularRateRadpsPerLsb),
            Quantize(angularRateRadps.Y / scale.AngularRateRadpsPerLsb),
            Quantize(angularRateRadps.Z / scale.AngularRateRadpsPerLsb));
    }

    public override void TransferFullDuplex(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        Check();
        if (writeBuffer.IsEmpty)
        {
            return;
        }

        int address = writeBuffer[0] & 0x7F;
        if ((writeBuffer[0] & Bits.SpiRead) != 0)
        {
            readBuffer[0] = 0;
            for (int i = 1; i < readBuffer.Length; i++)
            {
                readBuffer[i] = ReadRegister(address);
                if (address != (int)Register.FifoRW)
                {
                    address = (address + 1) & 0x7F;
                }
            }

            return;
        }

        for (int i = 1; i < writeBuffer.Length; i++)
        {
            WriteRegister(address, writeBuffer[i]);
            address = (address + 1) & 0x7F;
        }
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Span<byte> ignored = stackalloc byte[buffer.Length];
        TransferFullDuplex(buffer, ignored);
    }

    public override void WriteByte(byte value) => Write([value]);

    public override void Read(Span<byte> buffer)
    {
        Check();
        buffer.Clear();
    }

    public override byte ReadByte()
    {
        Check();
        return 0;
    }

    private static short Quantize(double counts) => (short)Math.Clamp(Math.Round(counts), short.MinValue, short.MaxValue);

    private byte ReadRegister(int address)
    {
        switch ((Register)address)
        {
            case Register.FifoCountH:
                return (byte)(_fifoCount >> 8);
            case Register.FifoCountL:
                return (byte)_fifoCount;
            case Register.IntStatus:
                byte status = _registers[address];
                _registers[address] = 0; // INT_STATUS clears on read
                return status;
            case Register.FifoRW:
                if (_fifoCount == 0)
                {
                    return 0xFF;
                }

                byte value = _fifo[_fifoHead];
                _fifoHead = (_fifoHead + 1) % _fifo.Length;
                _fifoCount--;
                return value;
            case Register.WhoAmI:
                return WhoAmI;
            default:
                return _registers[address];
        }
    }

    private void WriteRegister(int address, byte value)
    {
        if (address == (int)Register.PwrMgmt1 && (value & Bits.PwrMgmt1Reset) != 0)
        {
            PowerOnReset();
            return;
        }

        if (address == (int)Register.UserCtrl && (value & Bits.UserCtrlFifoReset) != 0)
        {
            _fifoHead = 0;
            _fifoCount = 0;
            value = (byte)(value & ~Bits.UserCtrlFifoReset); // self-clearing
        }

        _registers[address] = value;
    }

    private void PowerOnReset()
    {
        Array.Clear(_registers);
        _registers[(int)Register.PwrMgmt1] = 0x01;
        _fifoHead = 0;
        _fifoCount = 0;
    }

    private void Check()
    {
        if (Disconnected)
        {
            throw new IOException("simulated SPI device is not responding");
        }
    }
}
