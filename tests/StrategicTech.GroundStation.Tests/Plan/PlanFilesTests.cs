using StrategicTech.GroundStation.Plan;
using StrategicTech.Navigation.Missions;
using StrategicTech.TestSupport;

namespace StrategicTech.GroundStation.Tests.Plan;

/// <summary>Opening QGroundControl .plan and QGC WPL files, saving .plan, and reading back what was saved.</summary>
public sealed class PlanFilesTests
{
    private static PlanDocument RoundTrip(PlanDocument document) => PlanFiles.Parse(PlanFiles.ToJson(document), "saved.plan");

    private static void AssertSamePlan(PlanDocument expected, PlanDocument actual)
    {
        Assert.Equal(expected.Items, actual.Items);
        Assert.Equal(expected.Home, actual.Home);
        Assert.Equal(expected.HomeAltitudeAmslM, actual.HomeAltitudeAmslM);
        Assert.Equal(expected.FirmwareType, actual.FirmwareType);
        Assert.Equal(expected.VehicleType, actual.VehicleType);
        Assert.Equal(expected.RallyPoints, actual.RallyPoints);
        Assert.Equal(expected.FencePolygons.Count, actual.FencePolygons.Count);
        for (int i = 0; i < expected.FencePolygons.Count; i++)
        {
            Assert.Equal(expected.FencePolygons[i].IsInclusion, actual.FencePolygons[i].IsInclusion);
            Assert.Equal(expected.FencePolygons[i].Vertices, actual.FencePolygons[i].Vertices);
        }

        Assert.Equal(expected.FenceCircles, actual.FenceCircles);
    }

    [Theory]
    [InlineData("qgc_simple_square.plan")]
    [InlineData("px4_geofence_avoid.plan")]
    [InlineData("qgc_ArduPilotSITL-ArduCopter.plan")]
    [InlineData("mavsdk_survey.plan")]
    public void A_shared_plan_saved_as_plan_and_opened_again_has_the_same_items_home_fence_and_rally(string file)
    {
        PlanDocument opened = PlanFiles.Open(SharedData.PathOf("missions", file));
        Assert.NotEqual(0, opened.Count);
        AssertSamePlan(opened, RoundTrip(opened));
    }

    [Fact]
    public void The_simple_square_opens_as_takeoff_and_four_waypoints_at_20_m_relative_with_zurich_home()
    {
        PlanDocument plan = PlanFiles.Open(SharedData.PathOf("missions", "qgc_simple_square.plan"));
        Assert.Equal([MavCmd.NavTakeoff, MavCmd.NavWaypoint, MavCmd.NavWaypoint, MavCmd.NavWaypoint, MavCmd.NavWaypoint], plan.Items.Select(i => i.Command));
        Assert.All(plan.Items, i => Assert.Equal((MavFrame.GlobalRelativeAlt, 20.0), (i.Frame, i.AltitudeM)));
        Assert.Equal([0, 1, 2, 3, 4], plan.Items.Select(i => i.Seq));
        Assert.Equal(47.3977, plan.Home!.Value.LatitudeDeg, 3);
        Assert.Equal(8.5456, plan.Home!.Value.LongitudeDeg, 3);
        Assert.Equal(488, plan.HomeAltitudeAmslM, 0);
    }

    [Fact]
    public void The_geofence_plan_opens_with_one_exclusion_circle_one_exclusion_and_one_inclusion_polygon()
    {
        PlanDocument plan = PlanFiles.Open(SharedData.PathOf("missions", "px4_geofence_avoid.plan"));
        GeofenceCircle circle = Assert.Single(plan.FenceCircles);
        Assert.False(circle.IsInclusion);
        Assert.Equal(111.05, circle.RadiusM, 2);
        Assert.Equal([false, true], plan.FencePolygons.Select(p => p.IsInclusion).Order());
        Assert.All(plan.FencePolygons, p => Assert.Equal(4, p.Vertices.Count));
        Assert.Equal(MavCmd.NavReturnToLaunch, plan.Items[^1].Command);
    }

    [Fact]
    public void The_survey_plan_opens_with_the_surveys_precomputed_items_inline()
    {
        PlanDocument plan = PlanFiles.Open(SharedData.PathOf("missions", "mavsdk_survey.plan"));

        // SET_CAMERA_MODE, then the survey's 12 items (waypoints and trigger distances) as plain items.
        Assert.Equal(MavCmd.SetCameraMode, plan.Items[0].Command);
        Assert.Equal(12, plan.Items.Count(i => i.Command is MavCmd.NavWaypoint or MavCmd.DoSetCamTriggDist));
    }

    [Theory]
    [InlineData("qgc_MissionPlanner.waypoints.txt")]
    [InlineData("ardupilot_TopOfTheWorldShort.waypoints")]
    public void A_waypoints_file_opens_with_row_0_as_home_and_the_other_rows_as_items_and_saves_as_plan(string file)
    {
        string path = SharedData.PathOf("missions", file);
        WaypointFile rows = WaypointFileReader.ReadFile(path);
        PlanDocument plan = PlanFiles.Open(path);
        Assert.Equal(rows.Items.Count, plan.Count);
        Assert.Equal(rows.Items.Select(i => i.Command), plan.Items.Select(i => i.Command));
        Assert.Equal(new LatLonDeg(rows.Home.LatitudeDeg, rows.Home.LongitudeDeg), plan.Home);
        Assert.Equal(rows.Home.AltitudeM, plan.HomeAltitudeAmslM);
        AssertSamePlan(plan, RoundTrip(plan));
    }

    [Fact]
    public void A_plan_edited_in_code_round_trips_every_item_parameter_fence_shape_and_rally_point()
    {
        var plan = new PlanDocument { Home = new LatLonDeg(47.3977, 8.5456), HomeAltitudeAmslM = 488 };
        plan.AddWaypoint(47.3980, 8.5460);
        plan.AddWaypoint(47.3985, 8.5470);
        plan.AddTakeoff();
        plan.AddLand();
        plan.Replace(1, plan[1] with { Param1 = 3, Param2 = 1.5, AltitudeM = 25 });
        plan.SetSpeedAfter(1, 4.5);
        plan.AddReturnToLaunch();
        plan.AddFencePolygon([new(47.39, 8.54), new(47.40, 8.54), new(47.40, 8.55), new(47.39, 8.55)], inclusion: true);
        plan.AddFenceCircle(new LatLonDeg(47.398, 8.546), 30, inclusion: false);
        plan.AddRallyPoint(47.3975, 8.5450, 15);

        PlanDocument back = RoundTrip(plan);
        AssertSamePlan(plan, back);
        Assert.Equal([MavCmd.NavTakeoff, MavCmd.NavWaypoint, MavCmd.DoChangeSpeed, MavCmd.NavWaypoint, MavCmd.NavLand, MavCmd.NavReturnToLaunch], back.Items.Select(i => i.Command));
        Assert.Equal((3.0, 1.5, 25.0), (back[1].Param1, back[1].Param2, back[1].AltitudeM));
        Assert.Equal(4.5, back.SpeedAfter(1));
    }

    [Fact]
    public void A_saved_plan_reads_back_with_the_navigation_librarys_qgc_reader_as_a_plan_file()
    {
        var plan = new PlanDocument { Home = new LatLonDeg(47.3977, 8.5456), HomeAltitudeAmslM = 488 };
        plan.AddWaypoint(47.3980, 8.5460);
        MissionPlan read = QgcPlanReader.Parse(PlanFiles.ToJson(plan), "saved.plan");
        Assert.Equal(1, read.Version);
        SimplePlanItem item = Assert.IsType<SimplePlanItem>(Assert.Single(read.Items));
        Assert.Equal((MavCmd.NavWaypoint, 47.3980, 8.5460, 20.0), (item.Item.Command, item.Item.LatitudeDeg, item.Item.LongitudeDeg, item.Item.AltitudeM));
    }

    [Fact]
    public void A_truncated_plan_is_refused_naming_the_file_and_line_not_a_crash()
    {
        string text = File.ReadAllText(SharedData.PathOf("missions", "qgc_simple_square.plan"));
        MissionFileException error = Assert.Throws<MissionFileException>(() => PlanFiles.Parse(text[..(text.Length / 2)], "cut.plan"));
        Assert.StartsWith("cut.plan: line ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_item_with_six_params_is_refused_naming_its_json_path()
    {
        string text = File.ReadAllText(SharedData.PathOf("missions", "qgc_simple_square.plan"));
        var json = System.Text.Json.Nodes.JsonNode.Parse(text)!;
        json["mission"]!["items"]![2]!["params"]!.AsArray().RemoveAt(6);
        MissionFileException error = Assert.Throws<MissionFileException>(() => PlanFiles.Parse(json.ToJsonString(), "bad.plan"));
        Assert.Equal("mission.items[2].params", error.Location);
    }

    [Fact]
    public void A_waypoints_row_with_a_bad_latitude_is_refused_naming_line_and_field()
    {
        const string text = "QGC WPL 110\n0\t1\t0\t16\t0\t0\t0\t0\t47.39\t8.54\t488\t1\n1\t0\t3\t16\t0\t0\t0\t0\tnorth\t8.54\t20\t1\n";
        MissionFileException error = Assert.Throws<MissionFileException>(() => PlanFiles.Parse(text, "bad.waypoints"));
        Assert.Contains("line 3", error.Location, StringComparison.Ordinal);
        Assert.Contains("latitude", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_a_mission_file_error_naming_the_file()
    {
        MissionFileException error = Assert.Throws<MissionFileException>(() => PlanFiles.Open(Path.Combine(Path.GetTempPath(), "no-such-dir-plan", "none.plan")));
        Assert.StartsWith("none.plan: (file): cannot read", error.Message, StringComparison.Ordinal);
    }
}
