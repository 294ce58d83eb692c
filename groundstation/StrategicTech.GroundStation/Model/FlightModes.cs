namespace StrategicTech.GroundStation.Model;

/// <summary>
/// One flight mode a pilot can pick: its name in the menu and the custom_mode the vehicle reports for it in
/// HEARTBEAT. PX4 packs main mode in bits 16–23 and AUTO sub mode in bits 24–31; ArduPilot's custom_mode is its
/// mode number.
/// </summary>
public readonly record struct FlightModeChoice(string Name, int Autopilot, uint CustomMode)
{
    /// <summary>DO_SET_MODE param2: PX4's main mode, or ArduPilot's mode number.</summary>
    public float Param2 => Autopilot == FlightModeNames.AutopilotPx4 ? (byte)(CustomMode >> 16) : CustomMode;

    /// <summary>DO_SET_MODE param3: PX4's AUTO sub mode (0 for the others and for ArduPilot).</summary>
    public float Param3 => Autopilot == FlightModeNames.AutopilotPx4 ? (byte)(CustomMode >> 24) : 0;
}

/// <summary>
/// The modes the fly view offers per autopilot (from the vehicle's HEARTBEAT autopilot and MAV_TYPE), and the
/// DO_SET_MODE parameters for each: param1 is always MAV_MODE_FLAG_CUSTOM_MODE_ENABLED so the vehicle reads
/// param2/param3 as its own custom mode. Numbers: PX4's px4_custom_mode.h, ArduPilot's copter and plane mode enums.
/// </summary>
public static class FlightModes
{
    /// <summary>DO_SET_MODE param1: MAV_MODE_FLAG_CUSTOM_MODE_ENABLED.</summary>
    public const float CustomModeEnabled = 1;

    private const int Px4 = FlightModeNames.AutopilotPx4;
    private const int Ardupilot = FlightModeNames.AutopilotArdupilot;

    public static readonly FlightModeChoice Px4Position = new("Position", Px4, Px4Mode(3));

    public static readonly FlightModeChoice Px4Hold = new("Hold", Px4, Px4Mode(4, 3));

    private static readonly FlightModeChoice[] Px4Modes =
    [
        new("Manual", Px4, Px4Mode(1)),
        new("Stabilized", Px4, Px4Mode(7)),
        new("Altitude", Px4, Px4Mode(2)),
        Px4Position,
        Px4Hold,
        new("Mission", Px4, Px4Mode(4, 4)),
        new("Return", Px4, Px4Mode(4, 5)),
        new("Land", Px4, Px4Mode(4, 6)),
        new("Takeoff", Px4, Px4Mode(4, 2)),
        new("Offboard", Px4, Px4Mode(6)),
    ];

    private static readonly FlightModeChoice[] ArduCopterModes =
    [
        new("Stabilize", Ardupilot, 0),
        new("AltHold", Ardupilot, 2),
        new("Loiter", Ardupilot, 5),
        new("PosHold", Ardupilot, 16),
        new("Auto", Ardupilot, 3),
        new("Guided", Ardupilot, 4),
        new("RTL", Ardupilot, 6),
        new("Land", Ardupilot, 9),
        new("Brake", Ardupilot, 17),
    ];

    private static readonly FlightModeChoice[] ArduPlaneModes =
    [
        new("Manual", Ardupilot, 0),
        new("Stabilize", Ardupilot, 2),
        new("FBWA", Ardupilot, 5),
        new("Auto", Ardupilot, 10),
        new("RTL", Ardupilot, 11),
        new("Loiter", Ardupilot, 12),
        new("Guided", Ardupilot, 15),
    ];

    /// <summary>The modes offered for a vehicle; empty for autopilots whose modes we do not know.</summary>
    public static IReadOnlyList<FlightModeChoice> For(int autopilot, int mavType) => autopilot switch
    {
        Px4 => Px4Modes,
        Ardupilot when IsArduPlane(mavType) => ArduPlaneModes,
        Ardupilot => ArduCopterModes,
        _ => [],
    };

    /// <summary>The mode named <paramref name="name"/> for that vehicle, or null.</summary>
    public static FlightModeChoice? Find(int autopilot, int mavType, string name)
    {
        foreach (FlightModeChoice m in For(autopilot, mavType))
        {
            if (m.Name == name)
            {
                return m;
            }
        }

        return null;
    }

    /// <summary>
    /// The menu entry a HEARTBEAT custom_mode is, or null. PX4 outside AUTO is matched on the main mode only (the
    /// sub-mode byte carries nothing there).
    /// </summary>
    public static FlightModeChoice? Current(int autopilot, int mavType, uint customMode)
    {
        foreach (FlightModeChoice m in For(autopilot, mavType))
        {
            bool same = autopilot == Px4 && (byte)(customMode >> 16) != 4
                ? (byte)(m.CustomMode >> 16) == (byte)(customMode >> 16)
                : m.CustomMode == customMode;
            if (same)
            {
                return m;
            }
        }

        return null;
    }

    /// <summary>The hold mode: PX4 AUTO.LOITER, ArduCopter LOITER (5), ArduPlane LOITER (12); PX4's for unknown autopilots.</summary>
    public static FlightModeChoice Hold(int autopilot, int mavType) =>
        autopilot == Ardupilot ? Find(autopilot, mavType, "Loiter")!.Value : Px4Hold;

    /// <summary>ArduPilot runs the plane firmware on fixed wings (MAV_TYPE 1) and VTOLs (19–22).</summary>
    public static bool IsArduPlane(int mavType) => mavType is 1 or (>= 19 and <= 22);

    private static uint Px4Mode(byte main, byte sub = 0) => ((uint)main << 16) | ((uint)sub << 24);
}
