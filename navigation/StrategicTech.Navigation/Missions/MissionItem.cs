namespace StrategicTech.Navigation.Missions;

/// <summary>
/// One MAVLink mission item (MISSION_ITEM_INT semantics). Position is in degrees as double (the files print up to
/// 15 significant digits, more than the ×1e7 wire integer holds); <see cref="LatitudeE7"/> gives the wire form.
/// Unset values (a JSON <c>null</c>) are NaN, as MAVLink itself defines for "unchanged / default".
/// Altitude is metres in the item's <see cref="Frame"/> (AMSL, relative to home, or above terrain).
/// </summary>
public readonly record struct MissionItem(
    int Seq,
    byte Frame,
    ushort Command,
    double Param1,
    double Param2,
    double Param3,
    double Param4,
    double LatitudeDeg,
    double LongitudeDeg,
    double AltitudeM,
    bool AutoContinue,
    bool IsCurrent = false)
{
    /// <summary>Latitude as the MISSION_ITEM_INT x field (degrees × 1e7), 0 when unset.</summary>
    public int LatitudeE7 => ToE7(LatitudeDeg);

    /// <summary>Longitude as the MISSION_ITEM_INT y field (degrees × 1e7), 0 when unset.</summary>
    public int LongitudeE7 => ToE7(LongitudeDeg);

    /// <summary>True when the item carries a position (finite lat/lon and a frame that is not MAV_FRAME_MISSION).</summary>
    public bool HasPosition => Frame != MavFrame.Mission && double.IsFinite(LatitudeDeg) && double.IsFinite(LongitudeDeg);

    public static MissionItem Waypoint(int seq, byte frame, double latitudeDeg, double longitudeDeg, double altitudeM) =>
        new(seq, frame, MavCmd.NavWaypoint, 0, 0, 0, double.NaN, latitudeDeg, longitudeDeg, altitudeM, true);

    public static MissionItem CommandItem(int seq, ushort command, double param1 = 0, double param2 = 0, double param3 = 0, double param4 = 0) =>
        new(seq, MavFrame.Mission, command, param1, param2, param3, param4, 0, 0, 0, true);

    private static int ToE7(double degrees) => double.IsFinite(degrees) ? (int)Math.Round(degrees * 1e7) : 0;
}
