using StrategicTech.Navigation.Missions;
using StrategicTech.TestSupport;

namespace StrategicTech.Navigation.Tests.Missions;

public sealed class FenceMissionItemsTests
{
    [SharedDataFact]
    public void PX4_geofence_round_trips_through_fence_mission_items()
    {
        Geofence fence = QgcPlanReader.ReadFile(SharedData.PathOf("missions", "px4_geofence_avoid.plan")).Geofence;
        IReadOnlyList<MissionItem> items = FenceMissionItems.ToItems(fence);
        Assert.Equal(4 + 4 + 1, items.Count);
        Assert.Equal(MavCmd.NavFencePolygonVertexExclusion, items[0].Command);
        Assert.Equal(4.0, items[0].Param1);
        Assert.Equal(MavCmd.NavFencePolygonVertexInclusion, items[4].Command);
        Assert.Equal(MavCmd.NavFenceCircleExclusion, items[8].Command);
        Assert.Equal(111.05361447891983, items[8].Param1);
        Assert.Equal(Enumerable.Range(0, 9), items.Select(i => i.Seq));

        Geofence back = FenceMissionItems.FromItems(items, "fence");
        Assert.Equal(fence.Polygons.Count, back.Polygons.Count);
        for (int p = 0; p < fence.Polygons.Count; p++)
        {
            Assert.Equal(fence.Polygons[p].IsInclusion, back.Polygons[p].IsInclusion);
            Assert.Equal(fence.Polygons[p].Vertices, back.Polygons[p].Vertices);
        }

        Assert.Equal(fence.Circles, back.Circles);
    }

    [SharedDataFact]
    public void Rally_points_round_trip()
    {
        IReadOnlyList<RallyPoint> points = RallyFileReader.ReadFile(SharedData.PathOf("missions", "ardupilot_rover_rally.txt"));
        IReadOnlyList<MissionItem> items = FenceMissionItems.ToItems(points);
        Assert.All(items, i => Assert.Equal(MavCmd.NavRallyPoint, i.Command));
        IReadOnlyList<RallyPoint> back = FenceMissionItems.RallyFromItems(items, "rally");
        Assert.Equal(points.Select(p => (p.LatitudeDeg, p.LongitudeDeg, p.AltitudeM)), back.Select(p => (p.LatitudeDeg, p.LongitudeDeg, p.AltitudeM)));
    }

    [Fact]
    public void A_fence_return_point_round_trips_as_the_first_item_and_a_second_one_is_refused_naming_it()
    {
        var circle = new GeofenceCircle(new LatLonDeg(47.1, 8.1), 120, true, AltitudeBand.Unbounded);
        var fence = new Geofence([], [circle]) { ReturnPoint = new RallyPoint(47.1005, 8.1005, 30) };
        IReadOnlyList<MissionItem> items = FenceMissionItems.ToItems(fence);
        Assert.Equal([MavCmd.NavFenceReturnPoint, MavCmd.NavFenceCircleInclusion], items.Select(i => i.Command));
        Assert.Equal([0, 1], items.Select(i => i.Seq));
        Geofence back = FenceMissionItems.FromItems(items, "fence upload");
        Assert.Equal(fence.ReturnPoint, back.ReturnPoint);
        Assert.Equal(fence.Circles, back.Circles);

        MissionFileException ex = Assert.Throws<MissionFileException>(() => FenceMissionItems.FromItems([items[0], items[1], items[0] with { Seq = 2 }], "fence upload"));
        Assert.Equal("item 2.command", ex.Location);
        Assert.Contains("second fence return point", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_polygon_and_bad_radius_name_the_item()
    {
        MissionItem V(int seq, double count) => new(seq, MavFrame.Global, MavCmd.NavFencePolygonVertexExclusion, count, 0, 0, 0, 47, 8, 0, true);
        MissionFileException ex = Assert.Throws<MissionFileException>(() => FenceMissionItems.FromItems([V(0, 4), V(1, 4), V(2, 4)], "fence upload"));
        Assert.Equal("item 0.param1", ex.Location);
        Assert.Contains("vertices must follow", ex.Problem, StringComparison.Ordinal);

        var circle = new MissionItem(0, MavFrame.Global, MavCmd.NavFenceCircleExclusion, -3, 0, 0, 0, 47, 8, 0, true);
        ex = Assert.Throws<MissionFileException>(() => FenceMissionItems.FromItems([V(0, 3), V(1, 3), V(2, 3), circle], "fence upload"));
        Assert.Equal("item 3.param1", ex.Location);
        Assert.StartsWith("fence upload: item 3.param1: radius must be positive", ex.Message, StringComparison.Ordinal);

        ex = Assert.Throws<MissionFileException>(() => FenceMissionItems.FromItems([MissionItem.Waypoint(0, 3, 47, 8, 10)], "fence upload"));
        Assert.Contains("not a fence command", ex.Problem, StringComparison.Ordinal);
    }
}
