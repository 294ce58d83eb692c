using StrategicTech.Drivers.Mavlink.Microservices.Mission;
using StrategicTech.GroundStation.Plan;
using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Missions;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.GroundStation.Tests.Plan;

/// <summary>Editing a plan: where new items go, what they inherit, per-waypoint speed, moving, deleting, the survey and the wire form.</summary>
public sealed class PlanDocumentTests
{
    private static PlanDocument Square()
    {
        var plan = new PlanDocument { Home = new LatLonDeg(47.3977, 8.5456), HomeAltitudeAmslM = 488 };
        plan.AddTakeoff();
        plan.AddWaypoint(47.3980, 8.5460);
        plan.AddWaypoint(47.3985, 8.5470);
        plan.AddLand();
        return plan;
    }

    [Fact]
    public void A_takeoff_goes_first_at_home_and_a_land_goes_last_at_the_last_waypoint()
    {
        PlanDocument plan = Square();
        Assert.Equal([MavCmd.NavTakeoff, MavCmd.NavWaypoint, MavCmd.NavWaypoint, MavCmd.NavLand], plan.Items.Select(i => i.Command));
        Assert.Equal((47.3977, 8.5456, PlanDocument.DefaultAltitudeM), (plan[0].LatitudeDeg, plan[0].LongitudeDeg, plan[0].AltitudeM));
        Assert.Equal((47.3985, 8.5470), (plan[3].LatitudeDeg, plan[3].LongitudeDeg));
        Assert.Equal(0, plan.AddTakeoff());
        Assert.Equal(4, plan.Count);
    }

    [Fact]
    public void A_new_waypoint_without_a_place_goes_before_the_closing_land_at_the_previous_items_altitude()
    {
        PlanDocument plan = Square();
        plan.Replace(2, plan[2] with { AltitudeM = 35 });
        int index = plan.AddWaypoint(47.3990, 8.5480);
        Assert.Equal(3, index);
        Assert.Equal(35, plan[3].AltitudeM);
        Assert.Equal(MavCmd.NavLand, plan[4].Command);
        Assert.Equal([0, 1, 2, 3, 4], plan.Items.Select(i => i.Seq));
    }

    [Fact]
    public void A_waypoint_added_after_the_selected_item_is_inserted_right_after_it()
    {
        PlanDocument plan = Square();
        int index = plan.AddWaypoint(47.3982, 8.5465, after: 1);
        Assert.Equal(2, index);
        Assert.Equal((47.3982, 8.5465), (plan[2].LatitudeDeg, plan[2].LongitudeDeg));
        Assert.Equal((47.3985, 8.5470), (plan[3].LatitudeDeg, plan[3].LongitudeDeg));
    }

    [Fact]
    public void A_waypoint_speed_is_a_do_change_speed_after_it_that_is_added_changed_and_removed()
    {
        PlanDocument plan = Square();
        Assert.True(double.IsNaN(plan.SpeedAfter(1)));
        plan.SetSpeedAfter(1, 6);
        Assert.Equal((MavCmd.DoChangeSpeed, 6.0), (plan[2].Command, plan[2].Param2));
        plan.SetSpeedAfter(1, 3);
        Assert.Equal(5, plan.Count);
        Assert.Equal(3, plan.SpeedAfter(1));
        plan.SetSpeedAfter(1, double.NaN);
        Assert.Equal(4, plan.Count);
        Assert.Equal(MavCmd.NavWaypoint, plan[2].Command);
    }

    [Fact]
    public void Moving_an_item_changes_only_its_position_and_a_command_without_position_cannot_move()
    {
        PlanDocument plan = Square();
        plan.Replace(1, plan[1] with { Param1 = 2, AltitudeM = 30 });
        MissionItem before = plan[1];
        Assert.True(plan.Move(1, 47.4, 8.55));
        Assert.Equal(before with { LatitudeDeg = 47.4, LongitudeDeg = 8.55 }, plan[1]);
        plan.AddReturnToLaunch();
        Assert.False(plan.Move(4, 47.4, 8.55));
    }

    [Fact]
    public void Deleting_an_item_renumbers_the_rest()
    {
        PlanDocument plan = Square();
        plan.Delete(1);
        Assert.Equal([MavCmd.NavTakeoff, MavCmd.NavWaypoint, MavCmd.NavLand], plan.Items.Select(i => i.Command));
        Assert.Equal([0, 1, 2], plan.Items.Select(i => i.Seq));
    }

    [Fact]
    public void A_survey_over_a_200_by_100_m_rectangle_with_25_m_lines_flies_4_passes_inside_the_rectangle()
    {
        var origin = new LocalNedFrame(GeodeticPosition.FromDegrees(47.3977, 8.5456, 0));
        LatLonDeg At(double northM, double eastM)
        {
            GeodeticPosition p = origin.FromNed(new Vector3(northM, eastM, 0));
            return new LatLonDeg(p.LatitudeDeg, p.LongitudeDeg);
        }

        LatLonDeg[] polygon = [At(0, 0), At(100, 0), At(100, 200), At(0, 200)];
        IReadOnlyList<MissionItem> items = SurveyTool.Generate(polygon, 25, 20, 30, At(-10, -10));

        MissionItem[] waypoints = [.. items.Where(i => i.Command == MavCmd.NavWaypoint)];

        // 100 m across at 25 m spacing: 4 passes along the 200 m side, 2 waypoints each.
        Assert.Equal(8, waypoints.Length);
        Assert.All(waypoints, w => Assert.Equal((MavFrame.GlobalRelativeAlt, 30.0), (w.Frame, w.AltitudeM)));
        foreach (MissionItem w in waypoints)
        {
            Vector3 ned = origin.ToNed(GeodeticPosition.FromDegrees(w.LatitudeDeg, w.LongitudeDeg, 0));
            Assert.InRange(ned.X, -0.01, 100.01);
            Assert.InRange(ned.Y, -0.01, 200.01);
        }

        Assert.Equal(8, items.Count(i => i.Command == MavCmd.DoSetCamTriggDist));
        Assert.Throws<ArgumentException>(() => SurveyTool.Generate(polygon[..2], 25, 20, 30, null));
    }

    [Fact]
    public void The_wire_form_carries_positions_in_deg_e7_and_reads_back_the_same_items()
    {
        PlanDocument plan = Square();
        plan.SetSpeedAfter(1, 5);
        List<MissionPlanItem> wire = PlanWire.MissionToWire(plan, ardupilotHome: false);
        Assert.Equal(plan.Count, wire.Count);
        Assert.Equal((473980000, 85460000), (wire[1].X, wire[1].Y));
        Assert.Equal((0, 0), (wire[2].X, wire[2].Y));
        List<MissionItem> back = PlanWire.MissionFromWire(wire, ardupilotHome: false);
        for (int i = 0; i < plan.Count; i++)
        {
            Assert.Equal((plan[i].Command, plan[i].Frame), (back[i].Command, back[i].Frame));
            Assert.Equal(plan[i].LatitudeDeg, back[i].LatitudeDeg, 7);
            Assert.Equal(plan[i].LongitudeDeg, back[i].LongitudeDeg, 7);
            Assert.Equal(plan[i].AltitudeM, back[i].AltitudeM, 4);
        }
    }

    [Fact]
    public void For_ardupilot_the_wire_mission_starts_with_home_at_seq_0_and_reading_it_back_drops_it()
    {
        PlanDocument plan = Square();
        List<MissionPlanItem> wire = PlanWire.MissionToWire(plan, ardupilotHome: true);
        Assert.Equal(plan.Count + 1, wire.Count);
        Assert.Equal((473977000, 85456000, 488f), (wire[0].X, wire[0].Y, wire[0].Z));
        Assert.Equal(plan.Count, PlanWire.MissionFromWire(wire, ardupilotHome: true).Count);
    }

    [Fact]
    public void Fence_and_rally_travel_as_fence_vertex_circle_and_rally_items_and_read_back()
    {
        PlanDocument plan = Square();
        plan.AddFencePolygon([new(47.39, 8.54), new(47.40, 8.54), new(47.40, 8.55)], inclusion: true);
        plan.AddFenceCircle(new LatLonDeg(47.398, 8.546), 30, inclusion: false);
        plan.AddRallyPoint(47.3975, 8.5450, 15);
        List<MissionPlanItem> fence = PlanWire.FenceToWire(plan);
        Assert.Equal(4, fence.Count);
        Geofence back = PlanWire.FenceFromWire(fence);
        Assert.Equal(3, Assert.Single(back.Polygons).Vertices.Count);
        Assert.Equal(30, Assert.Single(back.Circles).RadiusM, 3);
        RallyPoint rally = Assert.Single(PlanWire.RallyFromWire(PlanWire.RallyToWire(plan)));
        Assert.Equal(15, rally.AltitudeM, 3);
    }
}
