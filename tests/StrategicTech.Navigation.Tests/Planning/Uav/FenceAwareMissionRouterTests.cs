using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Missions;
using StrategicTech.Navigation.Numerics;
using StrategicTech.Navigation.Planning.Geometry2D;
using StrategicTech.Navigation.Planning.Uav;
using StrategicTech.TestSupport;

namespace StrategicTech.Navigation.Tests.Planning.Uav;

public sealed class FenceAwareMissionRouterTests
{
    [Fact]
    public void Detours_are_inserted_where_a_leg_crosses_a_volume_and_jumps_are_renumbered()
    {
        var home = GeodeticPosition.FromDegrees(47.3977, 8.5456, 0);
        var frame = new LocalNedFrame(home);
        LatLonDeg At(double north, double east)
        {
            GeodeticPosition p = frame.FromNed(new Vector3(north, east, 0));
            return new LatLonDeg(p.LatitudeDeg, p.LongitudeDeg);
        }

        var fence = new Geofence([], [new GeofenceCircle(At(150, 0), 50, false, AltitudeBand.Unbounded)]);
        var airspace = UavAirspace.FromGeofence(fence, frame, 10, 120);
        var planner = new VisibilityGraphPlanner(airspace);

        LatLonDeg a = At(0, 0);
        LatLonDeg b = At(300, 0);
        MissionItem[] mission =
        [
            new(1, MavFrame.GlobalRelativeAlt, MavCmd.NavTakeoff, 0, 0, 0, double.NaN, a.LatitudeDeg, a.LongitudeDeg, 30, true),
            MissionItem.Waypoint(2, MavFrame.GlobalRelativeAlt, b.LatitudeDeg, b.LongitudeDeg, 30),
            MissionItem.CommandItem(3, MavCmd.DoJump, 2, 1),
            new(4, MavFrame.Mission, MavCmd.NavReturnToLaunch, 0, 0, 0, 0, 0, 0, 0, true),
        ];

        RoutedMission routed = FenceAwareMissionRouter.Route(mission, frame, 488, planner);
        Assert.True(routed.AllLegsFound);
        UavPlanResult leg = Assert.Single(routed.Legs);
        int inserted = leg.PointCount - 2;
        Assert.True(inserted >= 2, "the straight leg crosses the circle, so the route bends round it");
        Assert.Equal(mission.Length + inserted, routed.Items.Count);
        Assert.Equal(Enumerable.Range(1, routed.Items.Count), routed.Items.Select(i => i.Seq));

        MissionItem jump = routed.Items.Single(i => i.Command == MavCmd.DoJump);
        MissionItem target = routed.Items.Single(i => i.Seq == (int)jump.Param1);
        Assert.Equal(b.LatitudeDeg, target.LatitudeDeg);

        // Every leg of the routed mission stays clear of the circle plus margin.
        Vector3[] points = routed.Items.Where(i => i.HasPosition)
            .Select(i => { Vec2 p = UavAirspace.ToPlane(frame, new LatLonDeg(i.LatitudeDeg, i.LongitudeDeg)); return new Vector3(p.X, p.Y, -i.AltitudeM); })
            .ToArray();
        for (int i = 1; i < points.Length; i++)
        {
            Assert.True(FenceLayouts.SegmentClear(airspace, points[i - 1], points[i], 1e-3), $"leg {i} enters the circle's margin");
        }
    }

    [SharedDataFact]
    public void The_PX4_geofence_mission_routes_without_failures()
    {
        MissionPlan plan = QgcPlanReader.ReadFile(SharedData.PathOf("missions", "px4_geofence_avoid.plan"));
        var frame = new LocalNedFrame(GeodeticPosition.FromDegrees(plan.HomePosition.LatitudeDeg, plan.HomePosition.LongitudeDeg, 0));
        var planner = new VisibilityGraphPlanner(UavAirspace.FromGeofence(plan.Geofence, frame, 10, 120));
        RoutedMission routed = FenceAwareMissionRouter.Route(plan.ToMissionItems(), frame, plan.HomeAltitudeAmslM, planner);
        Assert.Equal(3, routed.Legs.Count);
        Assert.True(routed.AllLegsFound);
        Assert.Equal(MavCmd.NavReturnToLaunch, routed.Items[^1].Command);
    }
}
