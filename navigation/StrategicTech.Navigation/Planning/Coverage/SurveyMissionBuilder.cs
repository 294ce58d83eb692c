using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Missions;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Navigation.Planning.Coverage;

/// <summary>
/// Turns a survey pattern into MAVLink mission items: a NAV_WAYPOINT (16) per route point, DO_SET_CAM_TRIGG_DIST
/// (206) with the trigger distance and "shoot once now" after each pass start, and with distance 0 and "shoot once
/// now" after each pass end (so the last image is taken exactly at the end of the pass).
/// </summary>
public static class SurveyMissionBuilder
{
    public static IReadOnlyList<MissionItem> ToMissionItems(SurveyPattern pattern, LocalNedFrame frame, double altitudeM,
        byte altitudeFrame = MavFrame.GlobalRelativeAlt, int firstSeq = 1)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var items = new List<MissionItem>(pattern.Route.Count * 2);
        int seq = firstSeq;
        foreach (SurveyWaypoint waypoint in pattern.Route)
        {
            GeodeticPosition position = frame.FromNed(new Vector3(waypoint.PositionNedM.X, waypoint.PositionNedM.Y, 0));
            items.Add(MissionItem.Waypoint(seq++, altitudeFrame, position.LatitudeDeg, position.LongitudeDeg, altitudeM));
            if (waypoint.Kind == SurveyWaypointKind.PassStart)
            {
                items.Add(MissionItem.CommandItem(seq++, MavCmd.DoSetCamTriggDist, pattern.TriggerDistanceM, 0, 1));
            }
            else if (waypoint.Kind == SurveyWaypointKind.PassEnd)
            {
                items.Add(MissionItem.CommandItem(seq++, MavCmd.DoSetCamTriggDist, 0, 0, 1));
            }
        }

        return items;
    }
}
