using System.Globalization;
using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Missions;
using StrategicTech.Navigation.Numerics;
using StrategicTech.Navigation.Planning.Geometry2D;

namespace StrategicTech.Autopilot.Flight.Geofence;

/// <summary>
/// Where a mission is judged from: the estimator's local frame, home in it and home's AMSL altitude. Without a
/// position (<see cref="Known"/> false) only the checks that need none run.
/// </summary>
public readonly record struct FeasibilityReference(bool Known, LocalNedFrame Frame, Vector3 HomeNedM, double HomeAmslM);

/// <summary>
/// The vehicle's checks of an uploaded mission before it accepts it (PX4's MissionFeasibilityChecker): a waypoint
/// below home; the first waypoint farther from home than MIS_DIST_1WP; consecutive waypoints farther apart than
/// MIS_DIST_WPS; a waypoint above GF_MAX_VER_DIST or beyond GF_MAX_HOR_DIST; a waypoint inside an exclusion area or
/// outside the inclusion areas; a straight leg (from home through every positioned item in order) that touches an
/// exclusion area or leaves the inclusion area. Distances are geodesic (WGS84); the fence shapes are judged on the
/// estimator's local plane. The first problem is returned as a sentence naming the item; null
/// when the mission is feasible. Items without latitude/longitude stay at the previous horizontal position; items
/// in frames without a usable altitude (terrain, local) skip the altitude checks. A RETURN_TO_LAUNCH item ends the
/// path (the return plans its own way round). Upload-time code: allocates.
/// </summary>
public static class MissionFeasibility
{
    public static string? Check(IReadOnlyList<MissionItem> items, in FeasibilityReference reference, GeofenceMonitor fence, FlightParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(fence);
        ArgumentNullException.ThrowIfNull(parameters);
        GeofenceArea? area = reference.Known ? fence.Area : null;
        Vector3 home = reference.HomeNedM;
        var previous = new Vec2(home.X, home.Y);
        GeodeticPosition homeGeodetic = reference.Known ? reference.Frame.FromNed(home) : default;
        GeodeticPosition previousGeodetic = homeGeodetic;
        int previousIndex = -1;
        bool pathOpen = true;
        for (int i = 0; i < items.Count; i++)
        {
            MissionItem item = items[i];
            if (item.Command == MavCmd.NavReturnToLaunch)
            {
                pathOpen = false;
                continue;
            }

            if (!IsPositional(item.Command))
            {
                continue;
            }

            double heightM = HeightAboveHome(item, reference);
            if (item.Command != MavCmd.NavLand && heightM < 0)
            {
                return Text($"item {i}: altitude {heightM:0.#} m is below home");
            }

            if (parameters.GeofenceMaxHeightM > 0 && heightM > parameters.GeofenceMaxHeightM)
            {
                return Text($"item {i}: altitude {heightM:0.#} m above home is over the geofence maximum {parameters.GeofenceMaxHeightM:0.#} m (GF_MAX_VER_DIST)");
            }

            bool hasLatLon = double.IsFinite(item.LatitudeDeg) && double.IsFinite(item.LongitudeDeg) && !(item.LatitudeDeg == 0 && item.LongitudeDeg == 0);
            if (!hasLatLon || !reference.Known)
            {
                continue;
            }

            if (!(Math.Abs(item.LatitudeDeg) <= 90) || !(Math.Abs(item.LongitudeDeg) <= 180))
            {
                return Text($"item {i}: position ({item.LatitudeDeg}°, {item.LongitudeDeg}°) is not a valid latitude/longitude");
            }

            // Distances on the ellipsoid: a local plane folds a far point (the antipode) back to a few kilometres.
            GeodeticPosition geodetic = GeodeticPosition.FromDegrees(item.LatitudeDeg, item.LongitudeDeg, reference.Frame.Origin.HeightM);
            Vector3 ned = reference.Frame.ToNed(geodetic);
            var here = new Vec2(ned.X, ned.Y);
            double fromHomeM = Geodesic.DistanceM(homeGeodetic, geodetic);
            if (previousIndex < 0 && parameters.MissionFirstWaypointMaxM > 0 && fromHomeM > parameters.MissionFirstWaypointMaxM)
            {
                return Text($"item {i}: first waypoint is {fromHomeM:0} m from home, over {parameters.MissionFirstWaypointMaxM:0} m (MIS_DIST_1WP)");
            }

            double legM = Geodesic.DistanceM(previousGeodetic, geodetic);
            if (previousIndex >= 0 && parameters.MissionWaypointSpacingMaxM > 0 && legM > parameters.MissionWaypointSpacingMaxM)
            {
                return Text($"items {previousIndex} and {i} are {legM:0} m apart, over {parameters.MissionWaypointSpacingMaxM:0} m (MIS_DIST_WPS)");
            }

            if (parameters.GeofenceMaxDistanceM > 0 && fromHomeM > parameters.GeofenceMaxDistanceM)
            {
                return Text($"item {i}: {fromHomeM:0} m from home is beyond the geofence maximum {parameters.GeofenceMaxDistanceM:0} m (GF_MAX_HOR_DIST)");
            }

            if (area is not null)
            {
                if (area.InsideSomeExclusion(here))
                {
                    return Text($"item {i} is inside an exclusion fence");
                }

                if (!area.InsideSomeInclusion(here))
                {
                    return Text($"item {i} is outside the inclusion fence");
                }

                string from = previousIndex < 0 ? "home" : Text($"item {previousIndex}");
                if (pathOpen && area.SegmentTouchesExclusion(previous, here))
                {
                    return Text($"the leg from {from} to item {i} crosses an exclusion fence");
                }

                if (pathOpen && !area.SegmentInsideOneInclusion(previous, here))
                {
                    return Text($"the leg from {from} to item {i} leaves the inclusion fence");
                }
            }

            previous = here;
            previousGeodetic = geodetic;
            previousIndex = i;
            pathOpen = true;
        }

        return null;
    }

    private static bool IsPositional(ushort command) =>
        command is MavCmd.NavWaypoint or MavCmd.NavTakeoff or MavCmd.NavLand or MavCmd.NavLoiterTime or MavCmd.NavLoiterUnlim
            or MavCmd.NavLoiterTurns or MavCmd.NavLoiterToAlt;

    /// <summary>Height above home of the item's altitude (NaN when its frame has none we can judge).</summary>
    private static double HeightAboveHome(in MissionItem item, in FeasibilityReference reference) =>
        item.Frame is MavFrame.GlobalRelativeAlt or MavFrame.GlobalRelativeAltInt ? item.AltitudeM
        : item.Frame is MavFrame.Global or MavFrame.GlobalInt && reference.Known ? item.AltitudeM - reference.HomeAmslM
        : double.NaN;

    private static string Text(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
