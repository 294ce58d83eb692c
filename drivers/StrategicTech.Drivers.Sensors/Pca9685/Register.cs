namespace StrategicTech.Drivers.Sensors.Pca9685;

/// <summary>PCA9685 registers (NXP datasheet, register summary).</summary>
public enum Register : byte
{
    Mode1 = 0x00,
    Mode2 = 0x01,
    /// <summary>LEDn_ON_L = 0x06 + 4n, then ON_H, OFF_L, OFF_H.</summary>
    Led0OnL = 0x06,
    AllLedOnL = 0xFA,
    PreScale = 0xFE,
}

internal static class Mode1Bits
{
    public const byte Restart = 0x80;
    public const byte AutoIncrement = 0x20;
    public const byte Sleep = 0x10;
    public const byte AllCall = 0x01;
}

internal static class Mode2Bits
{
    /// <summary>Totem-pole outputs (what ESC and servo inputs want).</summary>
    public const byte OutDrv = 0x04;
}
