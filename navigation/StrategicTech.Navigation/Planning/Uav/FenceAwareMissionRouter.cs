using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Missions;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Navigation.Planning.Uav;

/// <summary>A mission with detour waypoints inserted, and the planner's outcome for each leg between positions.</summary>
public sealed record RoutedMission(IReadOnlyList<MissionItem> Items, IReadOnlyList<UavPlanResult> Legs)
{
    public bool AllLegsFound
    {
        get
        {
            foreach (UavPlanResult leg in Legs)
            {
                if (!leg.Found)
                {
                    return false;
                }
            }

            return true;
        }
    }
}

/// <summary>
/// Routes a mission around the airspace's no-fly volumes: between consecutive items that carry a position
/// (waypoints, takeoff, loiters, land…), the planner's path replaces the straight leg and its inner points become
/// NAV_WAYPOINT items (relative-altitude frame, altitude = the leg's cruise altitude). DO_JUMP targets are renumbered
/// to the shifted sequence numbers. Altitudes are taken relative to home: AMSL items are converted with the home
/// AMSL altitude; terrain-relative items are used as they are (no terrain model here). A leg without a path is kept
/// straight and reported in <see cref="RoutedMission.Legs"/>. Planning-time code: allocates.
/// </summary>
public static class FenceAwareMissionRouter
{
    public static RoutedMission Route(IReadOnlyList<MissionItem> items, LocalNedFrame homeFrame, double homeAmslM, VisibilityGraphPlanner planner, int firstSeq = 1)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(planner);
        var output = new List<MissionItem>(items.Count);
        var legs = new List<UavPlanResult>();
        var newSeqOf = new Dictionary<int, int>();
        var path = new Vector3[planner.MaxPathPoints];
        Vector3? previous = null;
        int seq = firstSeq;
        foreach (MissionItem item in items)
        {
            if (item.HasPosition && item.Command != MavCmd.NavReturnToLaunch)
            {
                Vector3 here = ToNed(item, homeFrame, homeAmslM);
                if (previous is Vector3 from)
                {
                    UavPlanResult leg = planner.Plan(from, here, path);
                    legs.Add(leg);
                    for (int i = 1; leg.Found && i < leg.PointCount - 1; i++)
                    {
                        GeodeticPosition at = homeFrame.FromNed(new Vector3(path[i].X, path[i].Y, 0));
                        output.Add(MissionItem.Waypoint(seq++, MavFrame.GlobalRelativeAlt, at.LatitudeDeg, at.LongitudeDeg, -path[i].Z));
                    }
                }

                previous = here;
            }

            newSeqOf[item.Seq] = seq;
            output.Add(item with { Seq = seq++ });
        }

        for (int i = 0; i < output.Count; i++)
        {
            MissionItem item = output[i];
            if (item.Command == MavCmd.DoJump && newSeqOf.TryGetValue((int)item.Param1, out int target))
            {
                output[i] = item with { Param1 = target };
            }
        }

        return new RoutedMission(output, legs);
    }

    private static Vector3 ToNed(MissionItem item, LocalNedFrame homeFrame, double homeAmslM)
    {
        Vector3 ned = homeFrame.ToNed(GeodeticPosition.FromDegrees(item.LatitudeDeg, item.LongitudeDeg, homeFrame.Origin.HeightM));
        double relativeAltitude = item.Frame is MavFrame.Global or MavFrame.GlobalInt ? item.AltitudeM - homeAmslM : item.AltitudeM;
        return new Vector3(ned.X, ned.Y, double.IsFinite(relativeAltitude) ? -relativeAltitude : 0);
    }
}
