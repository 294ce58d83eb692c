using StrategicTech.Drivers.Mavlink.Microservices.Mission;
using StrategicTech.Navigation.Missions;
using WireCmd = StrategicTech.Drivers.Mavlink.Dialects.Common.MavCmd;
using WireFrame = StrategicTech.Drivers.Mavlink.Dialects.Common.MavFrame;

namespace StrategicTech.GroundStation.Plan;

/// <summary>
/// Converts between the plan's items and MISSION_ITEM_INT items of the mission protocol's three lists. Global
/// positions travel as degE7 integers; other frames carry x and y as they are. ArduPilot numbers the mission from a
/// home item at seq 0, PX4 from the first real item, so <see cref="MissionToWire"/> prepends home only for ArduPilot
/// and <see cref="MissionFromWire"/> drops it again.
/// </summary>
public static class PlanWire
{
    public static List<MissionPlanItem> MissionToWire(PlanDocument document, bool ardupilotHome)
    {
        ArgumentNullException.ThrowIfNull(document);
        var items = new List<MissionPlanItem>(document.Count + 1);
        if (ardupilotHome)
        {
            LatLonDeg home = document.Home ?? new LatLonDeg(0, 0);
            items.Add(ToWire(new MissionItem(0, MavFrame.Global, MavCmd.NavWaypoint, 0, 0, 0, 0, home.LatitudeDeg, home.LongitudeDeg,
                double.IsFinite(document.HomeAltitudeAmslM) ? document.HomeAltitudeAmslM : 0, true)));
        }

        foreach (MissionItem item in document.Items)
        {
            items.Add(ToWire(item));
        }

        return items;
    }

    public static List<MissionPlanItem> FenceToWire(PlanDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return [.. FenceMissionItems.ToItems(document.Fence).Select(ToWire)];
    }

    public static List<MissionPlanItem> RallyToWire(PlanDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return [.. FenceMissionItems.ToItems(document.RallyPoints).Select(ToWire)];
    }

    /// <summary>A downloaded mission list as plan items (the home item of an ArduPilot list dropped).</summary>
    public static List<MissionItem> MissionFromWire(IReadOnlyList<MissionPlanItem> items, bool ardupilotHome)
    {
        ArgumentNullException.ThrowIfNull(items);
        var result = new List<MissionItem>(items.Count);
        for (int i = ardupilotHome && items.Count > 0 ? 1 : 0; i < items.Count; i++)
        {
            result.Add(FromWire(result.Count, items[i]));
        }

        return result;
    }

    /// <summary>Downloaded FENCE items as a geofence; malformed lists throw <see cref="MissionFileException"/>.</summary>
    public static Geofence FenceFromWire(IReadOnlyList<MissionPlanItem> items) =>
        FenceMissionItems.FromItems(ListFromWire(items), "fence download");

    public static IReadOnlyList<RallyPoint> RallyFromWire(IReadOnlyList<MissionPlanItem> items) =>
        FenceMissionItems.RallyFromItems(ListFromWire(items), "rally download");

    public static MissionPlanItem ToWire(MissionItem item)
    {
        bool global = IsGlobal(item.Frame);
        return new MissionPlanItem((WireFrame)item.Frame, (WireCmd)item.Command, false, item.AutoContinue,
            (float)item.Param1, (float)item.Param2, (float)item.Param3, (float)item.Param4,
            global ? item.LatitudeE7 : (int)Math.Round(Finite(item.LatitudeDeg)),
            global ? item.LongitudeE7 : (int)Math.Round(Finite(item.LongitudeDeg)),
            (float)item.AltitudeM);
    }

    public static MissionItem FromWire(int seq, MissionPlanItem item)
    {
        bool global = IsGlobal((byte)item.Frame);
        return new MissionItem(seq, (byte)item.Frame, (ushort)item.Command, item.Param1, item.Param2, item.Param3, item.Param4,
            global ? item.X / 1e7 : item.X, global ? item.Y / 1e7 : item.Y, item.Z, item.Autocontinue);
    }

    private static List<MissionItem> ListFromWire(IReadOnlyList<MissionPlanItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var result = new List<MissionItem>(items.Count);
        for (int i = 0; i < items.Count; i++)
        {
            result.Add(FromWire(i, items[i]));
        }

        return result;
    }

    private static double Finite(double value) => double.IsFinite(value) ? value : 0;

    private static bool IsGlobal(byte frame) => frame is MavFrame.Global or MavFrame.GlobalInt or MavFrame.GlobalRelativeAlt
        or MavFrame.GlobalRelativeAltInt or MavFrame.GlobalTerrainAlt or MavFrame.GlobalTerrainAltInt;
}
