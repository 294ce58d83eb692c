using System.Device.I2c;

namespace StrategicTech.Drivers.Sensors.Simulation;

/// <summary>
/// A simulated I²C device: a 256-byte register file behind the <see cref="I2cDevice"/> interface, with the usual
/// "write the register pointer, then read with auto-increment" protocol. Device simulators derive from it and
/// hook reads/writes for side effects (self-clearing bits, data-ready flags). Used by the tests and by
/// hardware-in-the-loop runs that feed the drivers from simulated physics.
/// </summary>
public class I2cRegisterSimulator : I2cDevice
{
    private readonly byte[] _registers = new byte[256];
    private int _pointer;

    public I2cRegisterSimulator(int busId, int address)
    {
        ConnectionSettings = new I2cConnectionSettings(busId, address);
    }

    public override I2cConnectionSettings ConnectionSettings { get; }

    /// <summary>When true every transfer throws <see cref="IOException"/>, as a NACKing (unplugged) device does.</summary>
    public bool Disconnected { get; set; }

    /// <summary>Number of bus transfers served (reads and writes).</summary>
    public long Transfers { get; private set; }

    public byte this[int register]
    {
        get => _registers[register];
        set => _registers[register] = value;
    }

    public override byte ReadByte()
    {
        Span<byte> one = stackalloc byte[1];
        Read(one);
        return one[0];
    }

    public override void Read(Span<byte> buffer)
    {
        Check();
        for (int i = 0; i < buffer.Length; i++)
        {
            buffer[i] = OnRead(_pointer);
            _pointer = NextAddress(_pointer);
        }
    }

    public override void WriteByte(byte value) => Write([value]);

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Check();
        if (buffer.IsEmpty)
        {
            return;
        }

        OnCommand(buffer[0]);
        _pointer = buffer[0];
        for (int i = 1; i < buffer.Length; i++)
        {
            OnWrite(_pointer, buffer[i]);
            _pointer = NextAddress(_pointer);
        }
    }

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        Write(writeBuffer);
        Read(readBuffer);
    }

    /// <summary>The value a read of <paramref name="register"/> returns; override for side effects.</summary>
    protected virtual byte OnRead(int register) => _registers[register];

    /// <summary>Stores a written value; override for side effects (reset bits, mode changes).</summary>
    protected virtual void OnWrite(int register, byte value) => _registers[register] = value;

    /// <summary>Called with the first byte of every write (the register pointer, or a command on command-based parts).</summary>
    protected virtual void OnCommand(byte first)
    {
    }

    /// <summary>The register that follows <paramref name="register"/> in an auto-increment burst.</summary>
    protected virtual int NextAddress(int register) => (register + 1) & 0xFF;

    private void Check()
    {
        if (Disconnected)
        {
            throw new IOException("simulated I2C device does not acknowledge");
        }

        Transfers++;
    }
}
