namespace StrategicTech.Navigation.Missions;

/// <summary>MAV_FRAME ids that appear in mission items (MAVLink common.xml).</summary>
public static class MavFrame
{
    /// <summary>Latitude/longitude in degrees, altitude above mean sea level.</summary>
    public const byte Global = 0;
    public const byte LocalNed = 1;

    /// <summary>No position: the item is a command (DO_*, CONDITION_*).</summary>
    public const byte Mission = 2;

    /// <summary>Altitude relative to the home position.</summary>
    public const byte GlobalRelativeAlt = 3;
    public const byte GlobalInt = 5;
    public const byte GlobalRelativeAltInt = 6;

    /// <summary>Altitude above terrain (needs a terrain database).</summary>
    public const byte GlobalTerrainAlt = 10;
    public const byte GlobalTerrainAltInt = 11;
}
