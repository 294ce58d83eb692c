using System.Buffers.Binary;
using StrategicTech.Drivers.Sensors.Simulation;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Drivers.Sensors.Ak09916;

/// <summary>
/// A simulated AK09916: identity registers, soft reset, DRDY set by a new measurement and cleared when ST2 is read,
/// HOFL overflow when a field exceeds the ±4912 µT range, and the 00h–18h auto-increment wrap of the datasheet.
/// </summary>
public sealed class Ak09916Simulator : I2cRegisterSimulator
{
    public Ak09916Simulator(int busId = 1, int address = Ak09916.DefaultAddress)
        : base(busId, address)
    {
        this[(int)Register.Wia1] = Ak09916.CompanyId;
        this[(int)Register.Wia2] = Ak09916.DeviceId;
    }

    public Mode Mode => (Mode)this[(int)Register.Cntl2];

    public int SoftResets { get; private set; }

    /// <summary>Latches a new measurement (raw counts) and sets DRDY; <paramref name="overflow"/> sets ST2.HOFL.</summary>
    public void PushRaw(short x, short y, short z, bool overflow = false)
    {
        Span<byte> data = stackalloc byte[6];
        BinaryPrimitives.WriteInt16LittleEndian(data, x);
        BinaryPrimitives.WriteInt16LittleEndian(data[2..], y);
        BinaryPrimitives.WriteInt16LittleEndian(data[4..], z);
        for (int i = 0; i < 6; i++)
        {
            this[(int)Register.Hxl + i] = data[i];
        }

        this[(int)Register.St1] = 0x01;
        this[(int)Register.St2] = overflow ? (byte)0x08 : (byte)0;
    }

    /// <summary>Latches a field in tesla, quantized to 0.15 µT; beyond the range the datasheet's overflow flag is set.</summary>
    public void Push(Vector3 fieldTesla)
    {
        const double limitT = 4912e-6;
        bool overflow = Math.Abs(fieldTesla.X) > limitT || Math.Abs(fieldTesla.Y) > limitT || Math.Abs(fieldTesla.Z) > limitT;
        PushRaw(Count(fieldTesla.X), Count(fieldTesla.Y), Count(fieldTesla.Z), overflow);
    }

    protected override byte OnRead(int register)
    {
        byte value = this[register];
        if (register == (int)Register.St2)
        {
            this[(int)Register.St1] = 0; // reading ST2 releases the data: DRDY clears until the next measurement
        }

        return value;
    }

    protected override void OnWrite(int register, byte value)
    {
        if (register == (int)Register.Cntl3 && (value & 1) != 0)
        {
            SoftResets++;
            this[(int)Register.Cntl2] = 0;
            this[(int)Register.St1] = 0;
            return;
        }

        base.OnWrite(register, value);
    }

    protected override int NextAddress(int register) => register switch
    {
        0x03 => 0x10,
        0x18 => 0x00,
        0x32 => 0x30,
        _ => register + 1,
    };

    private static short Count(double tesla) =>
        (short)Math.Clamp(Math.Round(tesla / Ak09916.TeslaPerLsb), -32752, 32752);
}
