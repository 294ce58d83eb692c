namespace StrategicTech.Drivers.Sensors.Ak09916;

/// <summary>AK09916 registers (AKM datasheet, register map).</summary>
public enum Register : byte
{
    Wia1 = 0x00,
    Wia2 = 0x01,
    St1 = 0x10,
    Hxl = 0x11,
    St2 = 0x18,
    Cntl2 = 0x31,
    Cntl3 = 0x32,
}

/// <summary>CNTL2 operating modes.</summary>
public enum Mode : byte
{
    PowerDown = 0x00,
    Single = 0x01,
    Continuous10Hz = 0x02,
    Continuous20Hz = 0x04,
    Continuous50Hz = 0x06,
    Continuous100Hz = 0x08,
}
