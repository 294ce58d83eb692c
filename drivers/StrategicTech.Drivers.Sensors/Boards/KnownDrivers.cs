namespace StrategicTech.Drivers.Sensors.Boards;

/// <summary>The drivers a board file may name, what kind of device each is, and which buses each can sit on.</summary>
public static class KnownDrivers
{
    public sealed record Entry(DeviceKind Kind, BusKind[] Buses, bool NeedsRotation);

    public static IReadOnlyDictionary<string, Entry> All { get; } = new Dictionary<string, Entry>(StringComparer.Ordinal)
    {
        ["mpu9250"] = new(DeviceKind.Imu, [BusKind.Spi], true),
        ["ms5611"] = new(DeviceKind.Barometer, [BusKind.I2c], false),
        ["ak09916"] = new(DeviceKind.Magnetometer, [BusKind.I2c], true),
        ["ublox"] = new(DeviceKind.Gnss, [BusKind.Serial, BusKind.Spi, BusKind.I2c], false),
        ["nmea"] = new(DeviceKind.Gnss, [BusKind.Serial], false),
        ["sbus"] = new(DeviceKind.RcInput, [BusKind.Serial], false),
        ["crsf"] = new(DeviceKind.RcInput, [BusKind.Serial], false),
        ["vl53l1x"] = new(DeviceKind.RangeFinder, [BusKind.I2c], false),
    };

    /// <summary>Motor count of each supported frame (PX4/ArduPilot motor numbering is per frame, given by the board).</summary>
    public static IReadOnlyDictionary<string, int> Frames { get; } = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["quad-x"] = 4,
        ["quad-plus"] = 4,
        ["hexa-x"] = 6,
        ["octo-x"] = 8,
    };
}
