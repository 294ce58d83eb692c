using System.Globalization;
using StrategicTech.Autopilot.Flight;
using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Missions;

namespace StrategicTech.Autopilot.Tests.Flight.Geofence;

public sealed class MissionFeasibilityTests
{
    private static MissionItem Takeoff(int seq, double heightM) =>
        new(seq, MavFrame.GlobalRelativeAlt, MavCmd.NavTakeoff, 0, 0, 0, double.NaN, double.NaN, double.NaN, heightM, true);

    private static MissionItem Waypoint(KinematicVehicle v, int seq, double northM, double eastM, double heightM)
    {
        (double lat, double lon) = v.At(northM, eastM);
        return MissionItem.Waypoint(seq, MavFrame.GlobalRelativeAlt, lat, lon, heightM);
    }

    private static void AssertRefused(KinematicVehicle v, IReadOnlyList<MissionItem> items, string reason)
    {
        int version = v.Commander.Status.MissionVersion;
        Assert.Equal(CommandOutcome.Denied, v.Commander.ReplaceMission(items));
        Assert.Equal(version, v.Commander.Status.MissionVersion);
        Assert.Equal("Mission refused: " + reason, v.Commander.Status.StatusTexts.Latest.Text);
    }

    [Fact]
    public void A_waypoint_20000_km_away_is_refused_naming_MIS_DIST_1WP()
    {
        var v = new KinematicVehicle();
        // Home's antipode: 20 004 km along the ellipsoid (a local plane would fold it back to 43 km).
        MissionItem far = MissionItem.Waypoint(2, MavFrame.GlobalRelativeAlt, -47.397742, 8.545594 - 180, 20);
        double farM = Geodesic.DistanceM(KinematicVehicle.Origin, GeodeticPosition.FromDegrees(-47.397742, 8.545594 - 180, 0));
        Assert.InRange(farM, 19_990_000, 20_010_000);
        AssertRefused(v, [Takeoff(0, 10), far with { Seq = 1 }], string.Create(CultureInfo.InvariantCulture, $"item 1: first waypoint is {farM:0} m from home, over 900 m (MIS_DIST_1WP)"));
        MissionItem near = Waypoint(v, 1, 50, 0, 10);
        AssertRefused(v, [Takeoff(0, 10), near, far], "items 1 and 2 are 20003881 m apart, over 900 m (MIS_DIST_WPS)");
        Assert.Equal(CommandOutcome.Accepted, v.Commander.ReplaceMission([Takeoff(0, 10), near]));
    }

    [Fact]
    public void A_waypoint_30_m_below_home_is_refused_in_relative_and_amsl_frames()
    {
        var v = new KinematicVehicle();
        AssertRefused(v, [Takeoff(0, 10), Waypoint(v, 1, 50, 0, -30)], "item 1: altitude -30 m is below home");
        (double lat, double lon) = v.At(50, 0);
        var amsl = new MissionItem(1, MavFrame.Global, MavCmd.NavWaypoint, 0, 0, 0, double.NaN, lat, lon, 488 - 30, true);
        AssertRefused(v, [Takeoff(0, 10), amsl], "item 1: altitude -30 m is below home");
    }

    [Fact]
    public void Items_and_legs_are_judged_against_the_fence_and_its_limits()
    {
        var v = new KinematicVehicle();
        Navigation.Missions.Geofence fence = FenceLayout.Of(
            [FenceLayout.Polygon(true, (-200, -200), (-200, 200), (200, 200), (200, -200))],
            [FenceLayout.Circle(false, 100, 0, 20)]);
        Assert.Equal(CommandOutcome.Accepted, v.Commander.ReplaceFence(fence));

        AssertRefused(v, [Takeoff(0, 10), Waypoint(v, 1, 250, 0, 10)], "item 1 is outside the inclusion fence");
        AssertRefused(v, [Takeoff(0, 10), Waypoint(v, 1, 105, 5, 10)], "item 1 is inside an exclusion fence");
        AssertRefused(v, [Takeoff(0, 10), Waypoint(v, 1, 150, 0, 10)], "the leg from home to item 1 crosses an exclusion fence");
        AssertRefused(v, [Takeoff(0, 10), Waypoint(v, 1, 50, 50, 10), Waypoint(v, 2, 150, -10, 10)], "the leg from item 1 to item 2 crosses an exclusion fence");

        // Round the exclusion: accepted.
        Assert.Equal(CommandOutcome.Accepted, v.Commander.ReplaceMission([Takeoff(0, 10), Waypoint(v, 1, 50, 50, 10), Waypoint(v, 2, 150, 50, 10), Waypoint(v, 3, 150, 0, 10)]));

        // The vertical and horizontal limits (GF_MAX_VER_DIST, GF_MAX_HOR_DIST).
        var limited = new KinematicVehicle(new FlightParameters { GeofenceMaxHeightM = 40, GeofenceMaxDistanceM = 120 });
        AssertRefused(limited, [Takeoff(0, 50)], "item 0: altitude 50 m above home is over the geofence maximum 40 m (GF_MAX_VER_DIST)");
        AssertRefused(limited, [Takeoff(0, 10), Waypoint(limited, 1, 100, 100, 10)], "item 1: 141 m from home is beyond the geofence maximum 120 m (GF_MAX_HOR_DIST)");
    }

    [Fact]
    public void A_fence_upload_is_refused_while_flying_outside_it_and_arming_outside_it_is_denied()
    {
        var v = new KinematicVehicle();
        Assert.Equal(CommandOutcome.Accepted, v.Commander.ReplaceFence(FenceLayout.Of([], [FenceLayout.Circle(false, 0, 0, 10)])));
        Assert.Equal(CommandOutcome.Denied, v.Commander.Arm());
        Assert.Equal(ArmingDenial.GeofenceBreached, v.Commander.Status.LastArmingDenial);
        Assert.Equal("Arming denied: outside the geofence", v.Commander.Status.StatusTexts.Latest.Text);

        Assert.Equal(CommandOutcome.Accepted, v.Commander.ReplaceFence(Navigation.Missions.Geofence.Empty));
        Assert.Equal(CommandOutcome.Accepted, v.Commander.Takeoff(5));
        Assert.True(v.StepUntil(x => x.Commander.Status.Mode == FlightMode.Hold, 30));
        Assert.Equal(CommandOutcome.Denied, v.Commander.ReplaceFence(FenceLayout.Square(100) with { Circles = [FenceLayout.Circle(false, 0, 0, 10)] }));
        Assert.True(v.Commander.Geofence.Fence.IsEmpty);
    }
}
