using System.Globalization;
using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Missions;
using StrategicTech.Navigation.Numerics;
using StrategicTech.Navigation.Planning.Coverage;
using StrategicTech.Navigation.Planning.Geometry2D;
using StrategicTech.Navigation.Planning.Uav;

namespace StrategicTech.Autopilot.Companion;

/// <summary>A route the companion cannot plan (a leg with no fence-free path, an empty mission); the message names the item.</summary>
public sealed class CompanionPlanException(string message) : Exception(message);

/// <summary>
/// Plans the companion's routes in the home-relative NED frame of the flight controller's home: a mission's
/// positions joined by fence-respecting legs (the fence-aware visibility-graph planner, with the mission's own
/// geofence), or a lawnmower survey over a polygon (the coverage planner). Planning-time code: allocates.
/// </summary>
public static class CompanionRoutePlanner
{
    /// <summary>Clearance kept from exclusion zones and inclusion borders (m).</summary>
    public const double DefaultFenceClearanceM = 5;

    /// <summary>
    /// The mission's positioned items (takeoff, waypoints, loiters, land) in order, each leg routed around the
    /// fence's exclusion zones. The route starts above home at <paramref name="takeoffHeightM"/>; a takeoff item
    /// without a position sets that height; NAV_RETURN_TO_LAUNCH flies home and lands; NAV_LAND lands at its point.
    /// </summary>
    public static CompanionRoute FromMission(LoadedMission mission, Geofence fence, HomeReference home, double takeoffHeightM,
        double fenceClearanceM = DefaultFenceClearanceM, double maxAltitudeM = 120)
    {
        ArgumentNullException.ThrowIfNull(mission);
        ArgumentNullException.ThrowIfNull(fence);
        var frame = new LocalNedFrame(home.Geodetic);
        var goals = new List<(Vector3 Point, int Seq)>();
        double heightM = takeoffHeightM;
        bool land = false;
        foreach (MissionItem item in mission.Items)
        {
            if (land)
            {
                break; // nothing is flown after a landing
            }

            if (item.Command == MavCmd.NavTakeoff && !item.HasPosition)
            {
                heightM = RelativeAltitude(item, home, heightM);
                continue;
            }

            if (item.Command == MavCmd.NavReturnToLaunch)
            {
                goals.Add((new Vector3(0, 0, -heightM), item.Seq));
                land = true;
                continue;
            }

            if (item.Command == MavCmd.NavLand && !item.HasPosition)
            {
                land = true; // lands where the previous item left it
                continue;
            }

            if (!item.HasPosition || item.Command >= MavCmd.NavFenceReturnPoint)
            {
                continue; // DO_/CONDITION_ items have no place on a setpoint stream
            }

            double altitudeM = RelativeAltitude(item, home, heightM);
            Vector3 ned = frame.ToNed(GeodeticPosition.FromDegrees(item.LatitudeDeg, item.LongitudeDeg, home.Geodetic.HeightM));
            if (item.Command == MavCmd.NavLand)
            {
                goals.Add((new Vector3(ned.X, ned.Y, -heightM), item.Seq));
                land = true;
                continue;
            }

            heightM = altitudeM;
            goals.Add((new Vector3(ned.X, ned.Y, -altitudeM), item.Seq));
        }

        if (goals.Count == 0)
        {
            throw new CompanionPlanException("the mission has no item with a position to fly to");
        }

        var planner = new VisibilityGraphPlanner(UavAirspace.FromGeofence(fence, frame, fenceClearanceM, maxAltitudeM));
        var path = new Vector3[planner.MaxPathPoints];
        var points = new List<Vector3> { new(0, 0, -takeoffHeightM) };
        foreach ((Vector3 goal, int seq) in goals)
        {
            UavPlanResult leg = planner.Plan(points[^1], goal, path);
            if (!leg.Found)
            {
                throw new CompanionPlanException(string.Create(CultureInfo.InvariantCulture,
                    $"no fence-respecting path to mission item {seq} ({goal.X:F1} m N, {goal.Y:F1} m E, {-goal.Z:F1} m up): {leg.Status}"));
            }

            for (int i = 1; i < leg.PointCount; i++)
            {
                points.Add(path[i]);
            }
        }

        return new CompanionRoute(points, land, string.Create(CultureInfo.InvariantCulture,
            $"mission: {goals.Count} positions, {points.Count} route points, fence {fence.Polygons.Count} polygons / {fence.Circles.Count} circles"));
    }

    /// <summary>A lawnmower over <paramref name="polygon"/> at <paramref name="heightM"/>, passes <paramref name="lineSpacingM"/> apart; lands where it ends when <paramref name="land"/>.</summary>
    public static CompanionRoute FromSurvey(IReadOnlyList<LatLonDeg> polygon, HomeReference home, double heightM, double lineSpacingM, bool land = true)
    {
        ArgumentNullException.ThrowIfNull(polygon);
        if (polygon.Count < 3)
        {
            throw new CompanionPlanException("a survey polygon needs at least 3 vertices");
        }

        var frame = new LocalNedFrame(home.Geodetic);
        var outer = new Vec2[polygon.Count];
        for (int i = 0; i < outer.Length; i++)
        {
            outer[i] = UavAirspace.ToPlane(frame, polygon[i]);
        }

        SurveyPattern pattern;
        try
        {
            pattern = LawnmowerPlanner.Plan(new SurveyRegion(outer), new SurveyOptions(lineSpacingM, lineSpacingM, lineSpacingM, lineSpacingM, 0, new Vec2(0, 0)));
        }
        catch (ArgumentException e)
        {
            throw new CompanionPlanException("survey: " + e.Message);
        }

        var points = new List<Vector3> { new(0, 0, -heightM) };
        foreach (SurveyWaypoint waypoint in pattern.Route)
        {
            var p = new Vector3(waypoint.PositionNedM.X, waypoint.PositionNedM.Y, -heightM);
            if ((p - points[^1]).Length > 1e-6)
            {
                points.Add(p);
            }
        }

        return new CompanionRoute(points, land, string.Create(CultureInfo.InvariantCulture,
            $"survey: {pattern.Passes.Count} passes {lineSpacingM:G} m apart at heading {pattern.SweepHeadingDeg:F0}°, {pattern.RouteLengthM:F0} m"));
    }

    private static double RelativeAltitude(MissionItem item, HomeReference home, double fallbackM)
    {
        if (!double.IsFinite(item.AltitudeM))
        {
            return fallbackM;
        }

        return item.Frame is MavFrame.Global or MavFrame.GlobalInt ? item.AltitudeM - home.Geodetic.HeightM : item.AltitudeM;
    }
}
