namespace StrategicTech.Drivers.Sensors.Vl53l1x;

/// <summary>Range status as the part reports it (RESULT__RANGE_STATUS low 5 bits, mapped as ST's API maps them).</summary>
public enum Vl53l1xRangeStatus : byte
{
    /// <summary>Raw 9: a valid range.</summary>
    Valid,

    /// <summary>Raw 6: the range's standard deviation is above the sigma threshold.</summary>
    SigmaFailure,

    /// <summary>Raw 4: the return signal is too weak (no target in range).</summary>
    SignalFailure,

    /// <summary>Raw 5: the phase is out of the valid limits (target too close or too far).</summary>
    OutOfBounds,

    /// <summary>Raw 7: wrapped-around target (a far, bright target aliased into range).</summary>
    WrapAround,

    /// <summary>Any other raw code (hardware or VCSEL fault, processing failure).</summary>
    Other,
}

/// <summary>Inter-measurement timing budget in long distance mode (up to 4 m in the dark).</summary>
public enum Vl53l1xTimingBudget
{
    Ms20 = 20,
    Ms33 = 33,
    Ms50 = 50,
    Ms100 = 100,
    Ms200 = 200,
    Ms500 = 500,
}

/// <summary>The register values ST's ULD API writes for the VL53L1X (UM2510 / STSW-IMG009): facts of the part, not tunables.</summary>
public static class Vl53l1xConfiguration
{
    /// <summary>IDENTIFICATION__MODEL_ID (0x010F) and IDENTIFICATION__MODULE_TYPE (0x0110) read as one word.</summary>
    public const ushort SensorId = 0xEACC;

    /// <summary>RESULT__RANGE_STATUS raw code of a valid range.</summary>
    public const byte RawStatusValid = 9;

    /// <summary>Default configuration, registers 0x2D..0x87 in order (91 bytes): written once at start-up.</summary>
    public static ReadOnlySpan<byte> Defaults =>
    [
        0x00, 0x01, 0x01, 0x01, 0x02, 0x00, 0x02, 0x08, 0x00, 0x08, 0x10, 0x01, 0x01, 0x00, 0x00, 0x00, // 0x2D..0x3C
        0x00, 0xFF, 0x00, 0x0F, 0x00, 0x00, 0x00, 0x00, 0x00, 0x20, 0x0B, 0x00, 0x00, 0x02, 0x0A, 0x21, // 0x3D..0x4C
        0x00, 0x00, 0x05, 0x00, 0x00, 0x00, 0x00, 0xC8, 0x00, 0x00, 0x38, 0xFF, 0x01, 0x00, 0x08, 0x00, // 0x4D..0x5C
        0x00, 0x01, 0xCC, 0x0F, 0x01, 0xF1, 0x0D, 0x01, 0x68, 0x00, 0x80, 0x08, 0xB8, 0x00, 0x00, 0x00, // 0x5D..0x6C
        0x00, 0x0F, 0x89, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x0F, 0x0D, 0x0E, 0x0E, 0x00, // 0x6D..0x7C
        0x00, 0x02, 0xC7, 0xFF, 0x9B, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, // 0x7D..0x87
    ];

    /// <summary>RANGE_CONFIG__TIMEOUT_MACROP_A_HI and _B_HI for a timing budget in long distance mode.</summary>
    public static (ushort A, ushort B) LongModeTimeouts(Vl53l1xTimingBudget budget) => budget switch
    {
        Vl53l1xTimingBudget.Ms20 => (0x001E, 0x0022),
        Vl53l1xTimingBudget.Ms33 => (0x0060, 0x006E),
        Vl53l1xTimingBudget.Ms50 => (0x00AD, 0x00C6),
        Vl53l1xTimingBudget.Ms100 => (0x01CC, 0x01EA),
        Vl53l1xTimingBudget.Ms200 => (0x02D9, 0x02F8),
        Vl53l1xTimingBudget.Ms500 => (0x048F, 0x04A4),
        _ => throw new ArgumentOutOfRangeException(nameof(budget), budget, "not a long-mode timing budget"),
    };

    /// <summary>SYSTEM__INTERMEASUREMENT_PERIOD for a period in ms: ms × (OSC_CALIBRATE_VAL &amp; 0x3FF) × 1.075.</summary>
    public static uint IntermeasurementPeriod(ushort oscCalibrateValue, int periodMs) =>
        (uint)((oscCalibrateValue & 0x3FF) * periodMs * 1.075);

    /// <summary>ST's mapping of the raw RESULT__RANGE_STATUS code.</summary>
    public static Vl53l1xRangeStatus MapStatus(byte raw) => (raw & 0x1F) switch
    {
        9 => Vl53l1xRangeStatus.Valid,
        6 => Vl53l1xRangeStatus.SigmaFailure,
        4 => Vl53l1xRangeStatus.SignalFailure,
        5 => Vl53l1xRangeStatus.OutOfBounds,
        7 => Vl53l1xRangeStatus.WrapAround,
        _ => Vl53l1xRangeStatus.Other,
    };
}
