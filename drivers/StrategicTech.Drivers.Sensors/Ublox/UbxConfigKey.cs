namespace StrategicTech.Drivers.Sensors.Ublox;

/// <summary>
/// Configuration keys (u-blox generation 9 configuration interface). Bits 28..30 of a key give its value size:
/// 1 = one bit (stored in a byte), 2 = 1 byte, 3 = 2 bytes, 4 = 4 bytes, 5 = 8 bytes.
/// </summary>
public static class UbxConfigKey
{
    /// <summary>CFG-RATE-MEAS: measurement period, ms (U2).</summary>
    public const uint RateMeasMs = 0x30210001;
    /// <summary>CFG-RATE-NAV: measurements per navigation solution (U2).</summary>
    public const uint RateNav = 0x30210002;
    /// <summary>CFG-UART1-BAUDRATE (U4).</summary>
    public const uint Uart1Baudrate = 0x40520001;
    /// <summary>CFG-UART1OUTPROT-NMEA: NMEA output on UART1 (L).</summary>
    public const uint Uart1OutProtNmea = 0x10740002;
    /// <summary>CFG-MSGOUT-UBX_NAV_PVT_UART1: output rate of NAV-PVT on UART1 per navigation solution (U1).</summary>
    public const uint MsgOutNavPvtUart1 = 0x20910007;
    /// <summary>CFG-MSGOUT-UBX_NAV_DOP_UART1 (U1).</summary>
    public const uint MsgOutNavDopUart1 = 0x20910039;
    /// <summary>CFG-MSGOUT-UBX_NAV_SAT_UART1 (U1).</summary>
    public const uint MsgOutNavSatUart1 = 0x20910016;

    /// <summary>Value size in bytes encoded in a key.</summary>
    public static int ValueSize(uint key) => ((key >> 28) & 0x7) switch
    {
        1 or 2 => 1,
        3 => 2,
        4 => 4,
        5 => 8,
        _ => throw new ArgumentException($"configuration key 0x{key:X8} has no valid size field", nameof(key)),
    };
}
