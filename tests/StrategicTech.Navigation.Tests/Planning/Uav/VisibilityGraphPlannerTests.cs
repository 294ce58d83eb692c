using FsCheck.Xunit;
using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Missions;
using StrategicTech.Navigation.Numerics;
using StrategicTech.Navigation.Planning.Geometry2D;
using StrategicTech.Navigation.Planning.Uav;
using StrategicTech.TestSupport;

namespace StrategicTech.Navigation.Tests.Planning.Uav;

// Tolerances in this class are rounding epsilons on exact identities (path length equal to the summed
// segments, cruise altitude); the measured figures sit beside the other bounds.
public sealed class VisibilityGraphPlannerTests
{
    private static Vector3 At(double north, double east, double altitude) => new(north, east, -altitude);

    [SharedDataFact]
    public void PX4_geofence_mission_legs_avoid_the_exclusion_zones_and_stay_in_the_inclusion_polygon()
    {
        MissionPlan plan = QgcPlanReader.ReadFile(SharedData.PathOf("missions", "px4_geofence_avoid.plan"));
        var frame = new LocalNedFrame(GeodeticPosition.FromDegrees(plan.HomePosition.LatitudeDeg, plan.HomePosition.LongitudeDeg, plan.HomeAltitudeAmslM));
        UavAirspace airspace = UavAirspace.FromGeofence(plan.Geofence, frame, safetyMarginM: 10, maxAltitudeM: 120);
        Assert.Equal(2, airspace.Volumes.Count);
        Assert.Single(airspace.InclusionPolygons);
        var planner = new VisibilityGraphPlanner(airspace);

        Vector3[] waypoints = plan.ToMissionItems().Where(i => i.HasPosition)
            .Select(i => { Vec2 p = UavAirspace.ToPlane(frame, new LatLonDeg(i.LatitudeDeg, i.LongitudeDeg)); return At(p.X, p.Y, i.AltitudeM); })
            .Append(At(0, 0, 20)) // the RTL leg back to home (the frame origin) at 20 m
            .ToArray();
        Assert.Equal(5, waypoints.Length);

        var path = new Vector3[planner.MaxPathPoints];
        int detours = 0;
        for (int leg = 0; leg + 1 < waypoints.Length; leg++)
        {
            UavPlanResult result = planner.Plan(waypoints[leg], waypoints[leg + 1], path);
            Assert.Equal(UavPlanStatus.Found, result.Status);
            Assert.Equal(waypoints[leg], path[0]);
            Assert.Equal(waypoints[leg + 1], path[result.PointCount - 1]);
            double length = 0;
            for (int i = 1; i < result.PointCount; i++)
            {
                Assert.True(FenceLayouts.SegmentClear(airspace, path[i - 1], path[i], 1e-6), $"leg {leg} segment {i} violates the fence");
                length += (path[i] - path[i - 1]).Length;
            }

            Assert.Equal(length, result.LengthM, 1e-6);
            double straight = (waypoints[leg + 1] - waypoints[leg]).Length;
            Assert.True(result.LengthM >= straight - 1e-9);
            if (!FenceLayouts.SegmentClear(airspace, waypoints[leg], waypoints[leg + 1], 0))
            {
                detours++;
                Assert.True(result.PointCount > 2);
            }
        }

        Assert.True(detours >= 1, "the straight return leg crosses the exclusion circle");
    }

    [Fact]
    public void A_low_volume_is_overflown_and_a_tall_one_is_flown_round()
    {
        var low = NoFlyVolume.Polygon([new Vec2(100, -300), new Vec2(140, -300), new Vec2(140, 300), new Vec2(100, 300)], new AltitudeBand(0, 30));
        var airspace = new UavAirspace([low], [], [], 5, 120);
        var planner = new VisibilityGraphPlanner(airspace);
        var path = new Vector3[planner.MaxPathPoints];
        UavPlanResult result = planner.Plan(At(0, 0, 20), At(240, 0, 20), path);
        Assert.Equal(UavPlanStatus.Found, result.Status);
        Assert.Equal(35.0, result.CruiseAltitudeM, 1e-9); // ceiling 30 + margin 5
        Assert.Equal(240 + 15 + 15, result.LengthM, 1e-6);
        Assert.Equal(4, result.PointCount);

        var tall = NoFlyVolume.Polygon([new Vec2(100, -30), new Vec2(140, -30), new Vec2(140, 30), new Vec2(100, 30)], new AltitudeBand(0, 200));
        var planner2 = new VisibilityGraphPlanner(new UavAirspace([tall], [], [], 5, 120));
        var path2 = new Vector3[planner2.MaxPathPoints];
        UavPlanResult around = planner2.Plan(At(0, 0, 20), At(240, 0, 20), path2);
        Assert.Equal(UavPlanStatus.Found, around.Status);
        Assert.Equal(20.0, around.CruiseAltitudeM);
        for (int i = 0; i < around.PointCount; i++)
        {
            Assert.Equal(-20.0, path2[i].Z);
        }

        // Round the 60 m wide block with 5 m margin: 2·√(100² + 35²) + 40 with rounded corners; a bit more than that.
        // measured 0.0755 m more; bound that excess ÷/× 1.5
        Assert.InRange(around.LengthM, (2 * Math.Sqrt((100 * 100) + (35 * 35))) + 40 + 0.050, (2 * Math.Sqrt((100 * 100) + (35 * 35))) + 40 + 0.113);
    }

    [Fact]
    public void Blocked_and_out_of_range_queries_return_typed_failures()
    {
        var box = NoFlyVolume.Circle(new Vec2(0, 0), 50, AltitudeBand.Unbounded);
        var planner = new VisibilityGraphPlanner(new UavAirspace([box], [[new Vec2(-200, -200), new Vec2(200, -200), new Vec2(200, 200), new Vec2(-200, 200)]], [], 5, 120));
        var path = new Vector3[planner.MaxPathPoints];
        Assert.Equal(UavPlanStatus.StartBlocked, planner.Plan(At(0, 52, 20), At(100, 100, 20), path).Status);
        Assert.Equal(UavPlanStatus.GoalBlocked, planner.Plan(At(100, 100, 20), At(0, 0, 20), path).Status);
        Assert.Equal(UavPlanStatus.GoalBlocked, planner.Plan(At(100, 100, 20), At(300, 0, 20), path).Status);
        Assert.Equal(UavPlanStatus.AboveMaxAltitude, planner.Plan(At(100, 100, 130), At(-100, -100, 20), path).Status);
        Assert.Equal(UavPlanStatus.PathBufferTooSmall, planner.Plan(At(100, 100, 20), At(-100, -100, 20), new Vector3[2]).Status);

        // A goal walled in by a ring of circles has no path.
        var ring = Enumerable.Range(0, 12).Select(k => NoFlyVolume.Circle(Vec2.FromHeading(k * Math.PI / 6) * 100, 30, AltitudeBand.Unbounded)).ToList();
        var walled = new VisibilityGraphPlanner(new UavAirspace(ring, [], [], 5, 120));
        Assert.Equal(UavPlanStatus.NoPath, walled.Plan(At(0, 0, 20), At(300, 0, 20), new Vector3[walled.MaxPathPoints]).Status);
    }

    [Property(MaxTest = 150)]
    public void Random_fences_paths_never_enter_a_volume_or_its_margin(int seed)
    {
        var random = new Random(seed);
        UavAirspace airspace = FenceLayouts.Random(random, withBands: true, separated: false);
        var planner = new VisibilityGraphPlanner(airspace);
        Vector3 start = FenceLayouts.RandomFreePoint(random, airspace, withAltitude: true);
        Vector3 goal = FenceLayouts.RandomFreePoint(random, airspace, withAltitude: true);
        var path = new Vector3[planner.MaxPathPoints];
        UavPlanResult result = planner.Plan(start, goal, path);
        Assert.True(result.Status is UavPlanStatus.Found or UavPlanStatus.NoPath, result.Status.ToString());
        if (!result.Found)
        {
            return;
        }

        Assert.Equal(start, path[0]);
        Assert.Equal(goal, path[result.PointCount - 1]);
        double length = 0;
        for (int i = 1; i < result.PointCount; i++)
        {
            Assert.True(FenceLayouts.SegmentClear(airspace, path[i - 1], path[i], 1e-6), $"segment {i - 1}→{i} ({path[i - 1]} → {path[i]}) violates the fence");
            length += (path[i] - path[i - 1]).Length;
        }

        Assert.Equal(length, result.LengthM, 1e-6);
        Assert.True(result.LengthM >= (goal - start).Length - 1e-9);
    }

    [Property(MaxTest = 60)]
    public void Search_is_optimal_over_its_graph_against_brute_force_Floyd_Warshall(int seed)
    {
        var random = new Random(seed);
        UavAirspace airspace = FenceLayouts.Random(random, withBands: false, separated: false);
        var planner = new VisibilityGraphPlanner(airspace, arcSegmentsPerCircle: 8);
        Vector3 start = FenceLayouts.RandomFreePoint(random, airspace, withAltitude: false);
        Vector3 goal = FenceLayouts.RandomFreePoint(random, airspace, withAltitude: false);
        UavPlanResult result = planner.Plan(start, goal, new Vector3[planner.MaxPathPoints]);

        // Brute force: all pairs over {start, goal, nodes} with the independent clearance check.
        var points = new List<Vector3> { start, goal };
        foreach (Vec2 node in planner.Nodes)
        {
            points.Add(new Vector3(node.X, node.Y, start.Z));
        }

        int n = points.Count;
        var d = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                d[i, j] = i == j ? 0
                    : FenceLayouts.SegmentClear(airspace, points[i], points[i], 0) && FenceLayouts.SegmentClear(airspace, points[j], points[j], 0)
                      && FenceLayouts.SegmentClear(airspace, points[i], points[j], 0) ? (points[i] - points[j]).Length : double.PositiveInfinity;
            }
        }

        for (int k = 0; k < n; k++)
        {
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    d[i, j] = Math.Min(d[i, j], d[i, k] + d[k, j]);
                }
            }
        }

        if (double.IsPositiveInfinity(d[0, 1]))
        {
            Assert.Equal(UavPlanStatus.NoPath, result.Status);
        }
        else
        {
            Assert.Equal(UavPlanStatus.Found, result.Status);
            Assert.Equal(d[0, 1], result.LengthM, 1e-6);
        }
    }

    [Property(MaxTest = 15)]
    public void Path_is_never_longer_than_a_fine_grid_path_beyond_the_arc_approximation(int seed)
    {
        var random = new Random(seed);
        UavAirspace airspace = FenceLayouts.Random(random, withBands: false, separated: true);
        var planner = new VisibilityGraphPlanner(airspace, arcSegmentsPerCircle: 32);
        Vector3 start = FenceLayouts.RandomFreePoint(random, airspace, withAltitude: false);
        Vector3 goal = FenceLayouts.RandomFreePoint(random, airspace, withAltitude: false);
        UavPlanResult result = planner.Plan(start, goal, new Vector3[planner.MaxPathPoints]);
        double grid = GridShortestPath(airspace, start, goal, cellM: 5);
        if (double.IsPositiveInfinity(grid))
        {
            return; // the grid found nothing to compare against
        }

        Assert.Equal(UavPlanStatus.Found, result.Status);
        // Any valid path is at least the true optimum; the graph's circumscribed arcs add at most 1/cos(π/32) − 1 ≈ 0.5 %
        // (a theoretical bound over random cases: measured planner/grid 0.988 .. 1.000 on the cases run).
        Assert.True(result.LengthM <= (grid / Math.Cos(Math.PI / 32)) + 1e-6, $"planner {result.LengthM:F3} m vs grid {grid:F3} m");
    }

    [SharedDataFact]
    public void Queries_allocate_nothing()
    {
        MissionPlan plan = QgcPlanReader.ReadFile(SharedData.PathOf("missions", "px4_geofence_avoid.plan"));
        var frame = new LocalNedFrame(GeodeticPosition.FromDegrees(plan.HomePosition.LatitudeDeg, plan.HomePosition.LongitudeDeg, 0));
        var planner = new VisibilityGraphPlanner(UavAirspace.FromGeofence(plan.Geofence, frame, 10, 120));
        var path = new Vector3[planner.MaxPathPoints];
        Vector3 a = At(-365, -379, 20);
        Vector3 b = At(0, 0, 20);
        Assert.True(planner.Plan(a, b, path).Found);
        Allocations.AssertZero(() => planner.Plan(a, b, path), 200);
    }

    /// <summary>16-connected grid Dijkstra whose edges pass the exact clearance check: a valid path, so an upper bound on the optimum.</summary>
    private static double GridShortestPath(UavAirspace airspace, Vector3 start, Vector3 goal, double cellM)
    {
        const double min = -60;
        int size = (int)Math.Ceiling(520 / cellM) + 1;
        Vector3 Cell(int i, int j) => new(min + (i * cellM), min + (j * cellM), start.Z);
        var free = new bool[size, size];
        for (int i = 0; i < size; i++)
        {
            for (int j = 0; j < size; j++)
            {
                free[i, j] = FenceLayouts.SegmentClear(airspace, Cell(i, j), Cell(i, j), 0);
            }
        }

        (int, int)[] moves = [(1, 0), (0, 1), (-1, 0), (0, -1), (1, 1), (1, -1), (-1, 1), (-1, -1), (2, 1), (1, 2), (-1, 2), (-2, 1), (-2, -1), (-1, -2), (1, -2), (2, -1)];
        var dist = new double[size, size];
        var queue = new PriorityQueue<(int I, int J), double>();
        for (int i = 0; i < size; i++)
        {
            for (int j = 0; j < size; j++)
            {
                dist[i, j] = double.PositiveInfinity;
                if (free[i, j] && FenceLayouts.SegmentClear(airspace, start, Cell(i, j), 0))
                {
                    double d0 = (Cell(i, j) - start).Length;
                    if (d0 < 3 * cellM)
                    {
                        dist[i, j] = d0;
                        queue.Enqueue((i, j), d0);
                    }
                }
            }
        }

        double best = FenceLayouts.SegmentClear(airspace, start, goal, 0) ? (goal - start).Length : double.PositiveInfinity;
        while (queue.TryDequeue(out (int I, int J) cell, out double d))
        {
            if (d > dist[cell.I, cell.J] || d >= best)
            {
                continue;
            }

            Vector3 p = Cell(cell.I, cell.J);
            if ((goal - p).Length < 3 * cellM && FenceLayouts.SegmentClear(airspace, p, goal, 0))
            {
                best = Math.Min(best, d + (goal - p).Length);
            }

            foreach ((int di, int dj) in moves)
            {
                int ni = cell.I + di;
                int nj = cell.J + dj;
                if (ni < 0 || nj < 0 || ni >= size || nj >= size || !free[ni, nj])
                {
                    continue;
                }

                double nd = d + (cellM * Math.Sqrt((di * di) + (dj * dj)));
                if (nd < dist[ni, nj] && FenceLayouts.SegmentClear(airspace, p, Cell(ni, nj), 0))
                {
                    dist[ni, nj] = nd;
                    queue.Enqueue((ni, nj), nd);
                }
            }
        }

        return best;
    }
}
