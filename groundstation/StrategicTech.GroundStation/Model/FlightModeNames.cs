namespace StrategicTech.GroundStation.Model;

/// <summary>
/// Names of flight modes from HEARTBEAT. PX4 (MAV_AUTOPILOT 12) packs main mode in custom_mode bits 16–23 and the
/// AUTO sub mode in bits 24–31; ArduPilot (3) numbers its modes per vehicle type (plane/VTOL and copter tables).
/// </summary>
public static class FlightModeNames
{
    public const int AutopilotArdupilot = 3;
    public const int AutopilotPx4 = 12;

    /// <summary>Mode name for a heartbeat's autopilot, MAV_TYPE and custom_mode.</summary>
    public static string Describe(int autopilot, int mavType, uint customMode) => autopilot switch
    {
        AutopilotPx4 => Px4(customMode),
        AutopilotArdupilot when mavType is 1 or (>= 19 and <= 22) => ArduPlane(customMode),
        AutopilotArdupilot => ArduCopter(customMode),
        _ => "MODE " + customMode.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static string Px4(uint customMode)
    {
        byte main = (byte)(customMode >> 16);
        byte sub = (byte)(customMode >> 24);
        return main switch
        {
            1 => "MANUAL",
            2 => "ALTCTL",
            3 => "POSCTL",
            4 => sub switch
            {
                1 => "READY",
                2 => "TAKEOFF",
                3 => "HOLD",
                4 => "MISSION",
                5 => "RTL",
                6 => "LAND",
                8 => "FOLLOW",
                9 => "PRECLAND",
                _ => "AUTO",
            },
            5 => "ACRO",
            6 => "OFFBOARD",
            7 => "STABILIZED",
            _ => "PX4 " + main.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    public static string ArduCopter(uint customMode) => customMode switch
    {
        0 => "STABILIZE",
        1 => "ACRO",
        2 => "ALT_HOLD",
        3 => "AUTO",
        4 => "GUIDED",
        5 => "LOITER",
        6 => "RTL",
        7 => "CIRCLE",
        9 => "LAND",
        16 => "POSHOLD",
        17 => "BRAKE",
        21 => "SMART_RTL",
        _ => "MODE " + customMode.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static string ArduPlane(uint customMode) => customMode switch
    {
        0 => "MANUAL",
        1 => "CIRCLE",
        2 => "STABILIZE",
        3 => "TRAINING",
        4 => "ACRO",
        5 => "FBWA",
        6 => "FBWB",
        7 => "CRUISE",
        8 => "AUTOTUNE",
        10 => "AUTO",
        11 => "RTL",
        12 => "LOITER",
        13 => "TAKEOFF",
        15 => "GUIDED",
        17 => "QSTABILIZE",
        18 => "QHOVER",
        19 => "QLOITER",
        20 => "QLAND",
        21 => "QRTL",
        _ => "MODE " + customMode.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
