using System.Text.Json.Nodes;
using StrategicTech.Navigation.Missions;
using StrategicTech.TestSupport;

namespace StrategicTech.Navigation.Tests.Missions;

/// <summary>Fence and rally files are recognised as such; complex items the file cannot expand are refused.</summary>
public sealed class MissionFileKindTests
{
    // An ArduPilot fence saved as QGC WPL: a 4-vertex inclusion polygon and an exclusion circle, no home row.
    private const string FenceWpl = "QGC WPL 110\n"
        + "0\t0\t0\t5001\t4\t0\t0\t0\t-35.3600\t149.1600\t0\t1\n"
        + "1\t0\t0\t5001\t4\t0\t0\t0\t-35.3600\t149.1700\t0\t1\n"
        + "2\t0\t0\t5001\t4\t0\t0\t0\t-35.3700\t149.1700\t0\t1\n"
        + "3\t0\t0\t5001\t4\t0\t0\t0\t-35.3700\t149.1600\t0\t1\n"
        + "4\t0\t0\t5004\t30\t0\t0\t0\t-35.3650\t149.1650\t0\t1\n";

    private const string RallyWpl = "QGC WPL 110\n"
        + "0\t0\t3\t5100\t0\t0\t0\t0\t-35.3610\t149.1610\t40\t1\n"
        + "1\t0\t3\t5100\t0\t0\t0\t0\t-35.3620\t149.1620\t45\t1\n";

    [Fact]
    public void An_ardupilot_fence_file_is_returned_as_a_fence_not_a_mission()
    {
        MissionFileContent content = MissionFile.ParseAny(FenceWpl, "cmac.fence");
        Assert.Equal(MissionFileKind.Fence, content.Kind);
        Assert.Null(content.Mission);
        GeofencePolygon polygon = Assert.Single(content.Geofence.Polygons);
        Assert.True(polygon.IsInclusion);
        Assert.Equal(new LatLonDeg(-35.36, 149.16), polygon.Vertices[0]); // the first vertex is a vertex, not home
        GeofenceCircle circle = Assert.Single(content.Geofence.Circles);
        Assert.False(circle.IsInclusion);
        Assert.Equal(30, circle.RadiusM);
    }

    [Fact]
    public void A_fence_file_with_a_NAV_FENCE_RETURN_POINT_row_keeps_it_as_the_fences_return_point()
    {
        // ArduPilot/QGC write the return point (5000, relative altitude 25 m) as the first row of the fence file.
        string text = "QGC WPL 110\n"
            + "0\t0\t3\t5000\t0\t0\t0\t0\t-35.3650\t149.1650\t25\t1\n"
            + "1\t0\t0\t5001\t4\t0\t0\t0\t-35.3600\t149.1600\t0\t1\n"
            + "2\t0\t0\t5001\t4\t0\t0\t0\t-35.3600\t149.1700\t0\t1\n"
            + "3\t0\t0\t5001\t4\t0\t0\t0\t-35.3700\t149.1700\t0\t1\n"
            + "4\t0\t0\t5001\t4\t0\t0\t0\t-35.3700\t149.1600\t0\t1\n"
            + "5\t0\t0\t5004\t30\t0\t0\t0\t-35.3650\t149.1650\t0\t1\n";
        MissionFileContent content = MissionFile.ParseAny(text, "cmac.fence");
        Assert.Equal(MissionFileKind.Fence, content.Kind);
        Assert.Equal(new RallyPoint(-35.365, 149.165, 25), content.Geofence.ReturnPoint);
        Assert.Equal(4, Assert.Single(content.Geofence.Polygons).Vertices.Count);
        Assert.Single(content.Geofence.Circles);
        Assert.Null(MissionFile.ParseAny(FenceWpl, "cmac.fence").Geofence.ReturnPoint);
    }

    [Fact]
    public void Reading_a_fence_file_as_a_mission_is_refused_saying_it_is_a_fence_file()
    {
        var viaMissionFile = Assert.Throws<MissionFileException>(() => MissionFile.Parse(FenceWpl, "cmac.fence"));
        Assert.StartsWith("cmac.fence: line 1: not a mission file: it is a fence file (1 fence polygons, 1 circles", viaMissionFile.Message, StringComparison.Ordinal);
        var viaReader = Assert.Throws<MissionFileException>(() => WaypointFileReader.Parse(FenceWpl, "cmac.fence"));
        Assert.Contains("so it is a fence file", viaReader.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rally_file_in_waypoint_format_is_returned_as_rally_points()
    {
        MissionFileContent content = MissionFile.ParseAny(RallyWpl, "cmac.rally");
        Assert.Equal(MissionFileKind.Rally, content.Kind);
        Assert.Null(content.Mission);
        Assert.Equal([40.0, 45.0], content.RallyPoints.Select(p => p.AltitudeM));
        Assert.Throws<MissionFileException>(() => MissionFile.Parse(RallyWpl, "cmac.rally"));
    }

    [Fact]
    public void A_mavproxy_rally_file_is_returned_as_rally_points()
    {
        string text = File.ReadAllText(SharedData.PathOf("missions", "ardupilot_rover_rally.txt"));
        MissionFileContent content = MissionFile.ParseAny(text, "ardupilot_rover_rally.txt");
        Assert.Equal(MissionFileKind.Rally, content.Kind);
        Assert.Equal(2, content.RallyPoints.Count);
        Assert.Equal(40.071553, content.RallyPoints[0].LatitudeDeg);
    }

    [Fact]
    public void A_fence_item_inside_a_mission_is_refused_naming_its_line()
    {
        string text = "QGC WPL 110\n"
            + "0\t1\t0\t16\t0\t0\t0\t0\t-35.36\t149.16\t584\t1\n"
            + "1\t0\t3\t22\t0\t0\t0\t0\t0\t0\t20\t1\n"
            + "2\t0\t0\t5003\t50\t0\t0\t0\t-35.36\t149.16\t0\t1\n"
            + "3\t0\t3\t16\t0\t0\t0\t0\t-35.361\t149.161\t20\t1\n";
        var e = Assert.Throws<MissionFileException>(() => MissionFile.Parse(text, "mixed.waypoints"));
        Assert.Equal("line 4, field command", e.Location);
        Assert.Contains("geofence item (command 5003) in row 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_structure_scan_is_refused_by_name_and_position_instead_of_dropped()
    {
        JsonNode plan = JsonNode.Parse(File.ReadAllText(SharedData.PathOf("missions", "qgc_simple_square.plan")))!;
        JsonArray items = plan["mission"]!["items"]!.AsArray();
        items.Insert(2, new JsonObject
        {
            ["type"] = "ComplexItem",
            ["complexItemType"] = "StructureScan",
            ["version"] = 3,
            ["Altitude"] = 30,
            ["StructureHeight"] = 20,
            ["polygon"] = new JsonArray(new JsonArray(47.3977, 8.5456), new JsonArray(47.3978, 8.5457), new JsonArray(47.3976, 8.5458)),
        });
        var e = Assert.Throws<MissionFileException>(() => MissionFile.Parse(plan.ToJsonString(), "scan.plan"));
        Assert.Equal("mission.items[2].complexItemType", e.Location);
        Assert.Contains("complex item \"StructureScan\" is not supported", e.Message, StringComparison.Ordinal);
    }
}
