using StrategicTech.Autopilot.Flight;
using StrategicTech.Drivers.Mavlink.Dialects.Minimal;

namespace StrategicTech.Autopilot.Comms;

/// <summary>
/// PX4's HEARTBEAT/SET_MODE mode encoding, so ground stations that know PX4 (QGroundControl, MAVSDK) show and set
/// our modes: custom_mode carries the main mode in bits 16–23 and the AUTO sub mode in bits 24–31 (PX4's
/// px4_custom_mode union: reserved u16, main_mode u8, sub_mode u8); base_mode always has CUSTOM_MODE_ENABLED,
/// SAFETY_ARMED when armed, and the MANUAL_INPUT/STABILIZE/GUIDED/AUTO flags PX4 reports for that mode.
/// </summary>
public static class Px4CustomMode
{
    public const byte MainManual = 1;
    public const byte MainAltitudeControl = 2;
    public const byte MainPositionControl = 3;
    public const byte MainAuto = 4;
    public const byte MainAcro = 5;
    public const byte MainOffboard = 6;
    public const byte MainStabilized = 7;

    public const byte AutoReady = 1;
    public const byte AutoTakeoff = 2;
    public const byte AutoLoiter = 3;
    public const byte AutoMission = 4;
    public const byte AutoRtl = 5;
    public const byte AutoLand = 6;

    /// <summary>custom_mode from a main and sub mode.</summary>
    public static uint Compose(byte mainMode, byte subMode = 0) => ((uint)mainMode << 16) | ((uint)subMode << 24);

    public static byte MainMode(uint customMode) => (byte)(customMode >> 16);

    public static byte SubMode(uint customMode) => (byte)(customMode >> 24);

    /// <summary>custom_mode of <paramref name="mode"/>.</summary>
    public static uint Encode(FlightMode mode) => mode switch
    {
        FlightMode.Stabilized => Compose(MainStabilized),
        FlightMode.Altitude => Compose(MainAltitudeControl),
        FlightMode.Position => Compose(MainPositionControl),
        FlightMode.Mission => Compose(MainAuto, AutoMission),
        FlightMode.Takeoff => Compose(MainAuto, AutoTakeoff),
        FlightMode.Land => Compose(MainAuto, AutoLand),
        FlightMode.ReturnToLaunch => Compose(MainAuto, AutoRtl),
        FlightMode.Hold => Compose(MainAuto, AutoLoiter),
        FlightMode.Offboard => Compose(MainOffboard),
        _ => Compose(MainAuto, AutoLoiter),
    };

    /// <summary>base_mode of <paramref name="mode"/> (armed or not).</summary>
    public static MavModeFlag BaseMode(FlightMode mode, bool armed)
    {
        MavModeFlag flags = MavModeFlag.CustomModeEnabled | (armed ? MavModeFlag.SafetyArmed : 0);
        return flags | mode switch
        {
            FlightMode.Stabilized => MavModeFlag.ManualInputEnabled | MavModeFlag.StabilizeEnabled,
            FlightMode.Altitude or FlightMode.Position => MavModeFlag.ManualInputEnabled | MavModeFlag.StabilizeEnabled | MavModeFlag.GuidedEnabled,
            _ => MavModeFlag.AutoEnabled | MavModeFlag.StabilizeEnabled | MavModeFlag.GuidedEnabled,
        };
    }

    /// <summary>
    /// The mode a DO_SET_MODE / SET_MODE custom_mode asks for; false for modes this vehicle does not fly (ACRO,
    /// AUTO READY/unknown sub modes, unknown main modes). MANUAL maps to Stabilized: a multirotor's "manual" is
    /// attitude-stabilised in PX4 too.
    /// </summary>
    public static bool TryDecode(uint customMode, out FlightMode mode)
    {
        byte main = MainMode(customMode);
        byte sub = SubMode(customMode);
        (bool ok, mode) = main switch
        {
            MainManual or MainStabilized => (true, FlightMode.Stabilized),
            MainAltitudeControl => (true, FlightMode.Altitude),
            MainPositionControl => (true, FlightMode.Position),
            MainOffboard => (true, FlightMode.Offboard),
            MainAuto => sub switch
            {
                AutoTakeoff => (true, FlightMode.Takeoff),
                AutoLoiter => (true, FlightMode.Hold),
                AutoMission => (true, FlightMode.Mission),
                AutoRtl => (true, FlightMode.ReturnToLaunch),
                AutoLand => (true, FlightMode.Land),
                _ => (false, FlightMode.Hold),
            },
            _ => (false, FlightMode.Hold),
        };
        return ok;
    }
}
