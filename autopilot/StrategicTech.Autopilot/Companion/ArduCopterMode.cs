namespace StrategicTech.Autopilot.Companion;

/// <summary>
/// ArduCopter's flight-mode numbers (HEARTBEAT custom_mode, and param2 of MAV_CMD_DO_SET_MODE with
/// MAV_MODE_FLAG_CUSTOM_MODE_ENABLED in param1), as ArduCopter's mode table numbers them.
/// </summary>
public static class ArduCopterMode
{
    public const uint Stabilize = 0;
    public const uint Acro = 1;
    public const uint AltHold = 2;
    public const uint Auto = 3;
    public const uint Guided = 4;
    public const uint Loiter = 5;
    public const uint Rtl = 6;
    public const uint Circle = 7;
    public const uint Land = 9;
    public const uint PosHold = 16;
    public const uint Brake = 17;
    public const uint SmartRtl = 21;

    /// <summary>The mode's name as ArduPilot's ground stations print it, or its number.</summary>
    public static string Name(uint mode) => mode switch
    {
        Stabilize => "STABILIZE",
        Acro => "ACRO",
        AltHold => "ALT_HOLD",
        Auto => "AUTO",
        Guided => "GUIDED",
        Loiter => "LOITER",
        Rtl => "RTL",
        Circle => "CIRCLE",
        Land => "LAND",
        PosHold => "POSHOLD",
        Brake => "BRAKE",
        SmartRtl => "SMART_RTL",
        _ => "mode " + mode.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
