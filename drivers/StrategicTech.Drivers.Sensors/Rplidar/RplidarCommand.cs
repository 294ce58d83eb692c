namespace StrategicTech.Drivers.Sensors.Rplidar;

/// <summary>RPLIDAR A-series request bytes (Slamtec protocol: every request starts with 0xA5).</summary>
public static class RplidarCommand
{
    public const byte RequestStart = 0xA5;
    public const byte Stop = 0x25;
    public const byte Reset = 0x40;
    public const byte Scan = 0x20;
    public const byte GetInfo = 0x50;
    public const byte GetHealth = 0x52;

    /// <summary>Response descriptor start flags: A5 5A, then 30-bit length + 2-bit send mode (LE), then data type.</summary>
    public const byte DescriptorStart1 = 0xA5;
    public const byte DescriptorStart2 = 0x5A;

    /// <summary>Data type of the standard scan's measurement nodes.</summary>
    public const byte ScanDataType = 0x81;

    /// <summary>Bytes per standard scan measurement node.</summary>
    public const int NodeLength = 5;

    /// <summary>Writes a two-byte request (no payload) such as SCAN or STOP into <paramref name="destination"/>.</summary>
    public static int Write(Span<byte> destination, byte command)
    {
        destination[0] = RequestStart;
        destination[1] = command;
        return 2;
    }
}
