using System.Globalization;
using System.Text.Json;
using StrategicTech.Navigation.Missions;
using StrategicTech.TestSupport;

namespace StrategicTech.Navigation.Tests.Missions;

public sealed class QgcPlanReaderTests
{
    public static TheoryData<string> PlanFiles => new()
    {
        "qgc_simple_square.plan",
        "mavsdk_survey.plan",
        "px4_geofence_avoid.plan",
        "qgc_ArduPilotSITL-ArduCopter.plan",
    };

    [SharedDataTheory]
    [MemberData(nameof(PlanFiles))]
    public void Every_simple_item_matches_the_file_text_read_independently(string fileName)
    {
        string path = SharedData.PathOf("missions", fileName);
        MissionPlan plan = QgcPlanReader.ReadFile(path);

        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(path));
        JsonElement mission = doc.RootElement.GetProperty("mission");
        JsonElement items = mission.GetProperty("items");
        Assert.Equal(items.GetArrayLength(), plan.Items.Count);

        // Flatten the JSON the way the vehicle sees it: simple items, and complex items' own Items.
        var expected = new List<JsonElement>();
        foreach (JsonElement item in items.EnumerateArray())
        {
            if (item.GetProperty("type").GetString() == "SimpleItem")
            {
                expected.Add(item);
            }
            else if (item.TryGetProperty("TransectStyleComplexItem", out JsonElement t) && t.TryGetProperty("Items", out JsonElement inner))
            {
                expected.AddRange(inner.EnumerateArray());
            }
        }

        IReadOnlyList<MissionItem> actual = plan.ToMissionItems();
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            JsonElement e = expected[i];
            MissionItem a = actual[i];
            Assert.Equal(i + 1, a.Seq);
            Assert.Equal(e.GetProperty("command").GetInt32(), a.Command);
            Assert.Equal(e.GetProperty("frame").GetInt32(), a.Frame);
            Assert.Equal(e.GetProperty("autoContinue").GetBoolean(), a.AutoContinue);
            Assert.Equal(e.GetProperty("doJumpId").GetInt32(), a.Seq);
            double[] p = [a.Param1, a.Param2, a.Param3, a.Param4, a.LatitudeDeg, a.LongitudeDeg, a.AltitudeM];
            JsonElement ps = e.GetProperty("params");
            Assert.Equal(7, ps.GetArrayLength());
            for (int k = 0; k < 7; k++)
            {
                JsonElement v = ps[k];
                if (v.ValueKind == JsonValueKind.Null)
                {
                    Assert.True(double.IsNaN(p[k]), $"item {i} param {k + 1} should be NaN (null in file)");
                }
                else
                {
                    Assert.Equal(v.GetDouble(), p[k]);
                }
            }
        }

        JsonElement home = mission.GetProperty("plannedHomePosition");
        Assert.Equal(home[0].GetDouble(), plan.HomePosition.LatitudeDeg);
        Assert.Equal(home[1].GetDouble(), plan.HomePosition.LongitudeDeg);
        Assert.Equal(home[2].GetDouble(), plan.HomeAltitudeAmslM);
        Assert.Equal(mission.GetProperty("firmwareType").GetInt32(), plan.FirmwareType);
        Assert.Equal(mission.GetProperty("vehicleType").GetInt32(), plan.VehicleType);
        Assert.Equal(mission.GetProperty("cruiseSpeed").GetDouble(), plan.CruiseSpeedMps);
        Assert.Equal(mission.GetProperty("hoverSpeed").GetDouble(), plan.HoverSpeedMps);

        JsonElement fence = doc.RootElement.GetProperty("geoFence");
        Assert.Equal(fence.GetProperty("polygons").GetArrayLength(), plan.Geofence.Polygons.Count);
        Assert.Equal(fence.GetProperty("circles").GetArrayLength(), plan.Geofence.Circles.Count);
        Assert.Equal(doc.RootElement.GetProperty("rallyPoints").GetProperty("points").GetArrayLength(), plan.RallyPoints.Count);
    }

    [SharedDataFact]
    public void Simple_square_is_takeoff_then_four_waypoints_at_20_m_relative()
    {
        MissionPlan plan = QgcPlanReader.ReadFile(SharedData.PathOf("missions", "qgc_simple_square.plan"));
        IReadOnlyList<MissionItem> items = plan.ToMissionItems();
        Assert.Equal(5, items.Count);
        Assert.Equal(MavCmd.NavTakeoff, items[0].Command);
        for (int i = 1; i < 5; i++)
        {
            Assert.Equal(MavCmd.NavWaypoint, items[i].Command);
            Assert.Equal(MavFrame.GlobalRelativeAlt, items[i].Frame);
            Assert.Equal(20.0, items[i].AltitudeM);
        }

        Assert.Equal(12, plan.FirmwareType);
        Assert.True(plan.Geofence.IsEmpty);
        Assert.Empty(plan.RallyPoints);
    }

    [SharedDataFact]
    public void Geofence_plan_has_one_exclusion_circle_one_exclusion_and_one_inclusion_polygon()
    {
        MissionPlan plan = QgcPlanReader.ReadFile(SharedData.PathOf("missions", "px4_geofence_avoid.plan"));
        GeofenceCircle circle = Assert.Single(plan.Geofence.Circles);
        Assert.False(circle.IsInclusion);
        Assert.Equal(111.05361447891983, circle.RadiusM);
        Assert.Equal(new LatLonDeg(47.395306422855064, 8.54286777893347), circle.Center);
        Assert.True(circle.Band.IsUnbounded);

        Assert.Equal(2, plan.Geofence.Polygons.Count);
        GeofencePolygon exclusion = plan.Geofence.Polygons[0];
        Assert.False(exclusion.IsInclusion);
        Assert.Equal(4, exclusion.Vertices.Count);
        Assert.Equal(new LatLonDeg(47.3985883, 8.543435299999999), exclusion.Vertices[1]);
        GeofencePolygon inclusion = plan.Geofence.Polygons[1];
        Assert.True(inclusion.IsInclusion);
        Assert.Equal(new LatLonDeg(47.39274987948735, 8.551976999573185), inclusion.Vertices[2]);

        IReadOnlyList<MissionItem> items = plan.ToMissionItems();
        Assert.Equal([22, 16, 16, 16, 20], items.Select(i => (int)i.Command));
        Assert.Equal(47.39635128979426, items[2].LatitudeDeg);
        Assert.Equal(473963513, items[2].LatitudeE7);
        Assert.Equal(85391547, items[2].LongitudeE7);
        Assert.True(double.IsNaN(items[2].Param4));
        Assert.False(items[4].HasPosition);
    }

    [SharedDataFact]
    public void ArduCopter_plan_keeps_frames_and_null_altitude_as_NaN()
    {
        MissionPlan plan = QgcPlanReader.ReadFile(SharedData.PathOf("missions", "qgc_ArduPilotSITL-ArduCopter.plan"));
        IReadOnlyList<MissionItem> items = plan.ToMissionItems();
        Assert.Equal(3, plan.FirmwareType);
        MissionItem speed = items.Single(i => i.Command == MavCmd.DoChangeSpeed);
        Assert.Equal(10.0, speed.Param2);
        Assert.Equal(MavFrame.Mission, speed.Frame);
        MissionItem amsl = items[3];
        Assert.Equal(MavFrame.Global, amsl.Frame);
        Assert.Equal(734.0, amsl.AltitudeM);
        Assert.Contains(items, i => i.Command == MavCmd.NavWaypoint && double.IsNaN(i.AltitudeM));
        Assert.Contains(items, i => i.Frame == MavFrame.GlobalTerrainAlt);
        Assert.Equal(30.0, items.Single(i => i.Command == MavCmd.NavLoiterTime).Param1);
        Assert.Contains(items, i => i.Command == MavCmd.NavSplineWaypoint);
        Assert.Equal(MavCmd.NavLand, items[^1].Command);
    }

    [SharedDataFact]
    public void Survey_complex_item_is_read_with_camera_polygon_and_precomputed_items()
    {
        MissionPlan plan = QgcPlanReader.ReadFile(SharedData.PathOf("missions", "mavsdk_survey.plan"));
        Assert.Equal(2, plan.Items.Count);
        MissionItem cameraMode = Assert.IsType<SimplePlanItem>(plan.Items[0]).Item;
        Assert.Equal(MavCmd.SetCameraMode, cameraMode.Command);
        Assert.True(double.IsNaN(cameraMode.Param3));

        SurveyComplexItem survey = Assert.IsType<SurveyPlanItem>(plan.Items[1]).Survey;
        Assert.Equal(5, survey.Version);
        Assert.Equal(90.0, survey.AngleDeg);
        Assert.Equal(10.0, survey.TurnAroundDistanceM);
        Assert.Equal(4, survey.Polygon.Count);
        Assert.Equal(new LatLonDeg(47.397924966150924, 8.545724712437675), survey.Polygon[0]);
        Assert.Equal(8, survey.VisualTransectPoints.Count);
        Assert.Equal(12, survey.Items.Count);
        Assert.Equal(6, survey.CameraShots);
        Assert.Equal(50.0, survey.Camera.DistanceToSurfaceM);
        Assert.Equal(25.0, survey.Camera.AdjustedFootprintSideM);
        Assert.Equal(25.0, survey.Camera.AdjustedFootprintFrontalM);
        Assert.False(survey.Camera.HasCameraSpecs);
        Assert.Equal(4, survey.Items.Count(i => i.Command == MavCmd.DoSetCamTriggDist));
        Assert.Equal(0.0, survey.Items[^1].Param1);
        Assert.Equal(2, survey.Items[0].Seq);
    }

    [Theory]
    [InlineData("""{"fileType":"Plan","version":1,"mission":{"plannedHomePosition":[47,8,400],"items":[{"type":"SimpleItem","command":16,"frame":3,"params":[0,0,0,null,47,8]}]}}""", "mission.items[0].params", "expected 7 numbers")]
    [InlineData("""{"fileType":"Plan","version":1,"mission":{"plannedHomePosition":[47,8,400],"items":[{"type":"SimpleItem","frame":3,"params":[0,0,0,null,47,8,1]}]}}""", "mission.items[0].command", "missing")]
    [InlineData("""{"fileType":"Plan","version":1,"mission":{"plannedHomePosition":[47,8,400],"items":[{"type":"SimpleItem","command":"sixteen","frame":3,"params":[0,0,0,null,47,8,1]}]}}""", "mission.items[0].command", "expected an integer")]
    [InlineData("""{"fileType":"Plan","version":1,"mission":{"plannedHomePosition":[47,8,400],"items":[{"type":"SimpleItem","command":16,"frame":3,"params":[0,0,0,null,147,8,1]}]}}""", "mission.items[0].params[4]", "outside ±90°")]
    [InlineData("""{"fileType":"Plan","version":1,"mission":{"plannedHomePosition":[47,8,400],"items":[{"type":"Foo"}]}}""", "mission.items[0].type", "expected \"SimpleItem\" or \"ComplexItem\"")]
    [InlineData("""{"fileType":"Mission","version":1}""", "fileType", "expected \"Plan\"")]
    [InlineData("""{"fileType":"Plan","version":1}""", "mission", "missing")]
    [InlineData("""{"fileType":"Plan","version":1,"mission":{"plannedHomePosition":[47,8,400],"items":[]},"geoFence":{"circles":[{"circle":{"center":[47,8],"radius":-5},"inclusion":false}],"polygons":[]}}""", "geoFence.circles[0].circle.radius", "must be positive")]
    [InlineData("""{"fileType":"Plan","version":1,"mission":{"plannedHomePosition":[47,8,400],"items":[]},"geoFence":{"polygons":[{"polygon":[[47,8],[47.1,8]],"inclusion":true}]}}""", "geoFence.polygons[0].polygon", "at least 3 vertices")]
    [InlineData("""{"fileType":"Plan","version":1,"mission":{"plannedHomePosition":[47,8,400],"items":[]},"rallyPoints":{"points":[[47,8]]}}""", "rallyPoints.points[0]", "expected [latitude, longitude, altitude]")]
    [InlineData("""{"fileType":"Plan","version":1,"mission":{"plannedHomePosition":[47,8,400],"items":[{"type":"ComplexItem","complexItemType":"survey","version":5,"angle":0,"polygon":[[47,8],[47.1,8],[47.1,8.1]],"TransectStyleComplexItem":{"TurnAroundDistance":10,"CameraCalc":{"AdjustedFootprintSide":0,"AdjustedFootprintFrontal":5,"DistanceToSurface":50}}}]}}""", "mission.items[0].TransectStyleComplexItem.CameraCalc.AdjustedFootprintSide", "must be positive")]
    public void Malformed_plans_name_the_file_path_and_problem(string json, string location, string problem)
    {
        MissionFileException ex = Assert.Throws<MissionFileException>(() => QgcPlanReader.Parse(json, "qgc.plan"));
        Assert.Equal("qgc.plan", ex.SourceName);
        Assert.Equal(location, ex.Location);
        Assert.Contains(problem, ex.Problem, StringComparison.Ordinal);
        Assert.StartsWith("qgc.plan: " + location + ": ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_json_names_the_line()
    {
        const string json = "{\n  \"fileType\": \"Plan\",\n  \"version\": 1,,\n}";
        MissionFileException ex = Assert.Throws<MissionFileException>(() => QgcPlanReader.Parse(json, "broken.plan"));
        Assert.StartsWith("line 3", ex.Location, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Version_1_items_with_coordinate_and_param_fields_are_read()
    {
        const string json = """{"fileType":"Plan","version":1,"mission":{"plannedHomePosition":[47,8,400],"items":[{"type":"SimpleItem","command":19,"frame":3,"param1":30,"param2":0,"param3":0,"param4":0,"coordinate":[47.5,8.25,42],"autoContinue":true}]}}""";
        MissionItem item = Assert.IsType<SimplePlanItem>(QgcPlanReader.Parse(json, "v1.plan").Items[0]).Item;
        Assert.Equal(MavCmd.NavLoiterTime, item.Command);
        Assert.Equal(30.0, item.Param1);
        Assert.Equal(47.5, item.LatitudeDeg);
        Assert.Equal(8.25, item.LongitudeDeg);
        Assert.Equal(42.0, item.AltitudeM);
        Assert.Equal(475000000, item.LatitudeE7);
    }

    [SharedDataFact]
    public void Seq_runs_through_complex_items()
    {
        MissionPlan plan = QgcPlanReader.ReadFile(SharedData.PathOf("missions", "mavsdk_survey.plan"));
        IReadOnlyList<MissionItem> items = plan.ToMissionItems(firstSeq: 0);
        Assert.Equal(13, items.Count);
        Assert.Equal(Enumerable.Range(0, 13), items.Select(i => i.Seq));
        Assert.Equal(47.397705960554916.ToString(CultureInfo.InvariantCulture), items[1].LatitudeDeg.ToString(CultureInfo.InvariantCulture));
    }
}
