namespace StrategicTech.Drivers.Sensors.Ms5611;

/// <summary>MS5611-01BA03 commands (datasheet "Commands" table); the part has commands, not registers.</summary>
public enum Command : byte
{
    Reset = 0x1E,
    /// <summary>Convert D1 (pressure); add the <see cref="Oversampling"/> code.</summary>
    ConvertD1 = 0x40,
    /// <summary>Convert D2 (temperature); add the <see cref="Oversampling"/> code.</summary>
    ConvertD2 = 0x50,
    /// <summary>Read the 24-bit result of the last conversion (0 when read before the conversion finished).</summary>
    AdcRead = 0x00,
    /// <summary>Read PROM word n at 0xA0 + 2n, n = 0..7.</summary>
    PromRead = 0xA0,
}

/// <summary>Oversampling ratio codes and their maximum conversion times (datasheet: 0.60/1.17/2.28/4.54/9.04 ms).</summary>
public enum Oversampling : byte
{
    Osr256 = 0x00,
    Osr512 = 0x02,
    Osr1024 = 0x04,
    Osr2048 = 0x06,
    Osr4096 = 0x08,
}
