using StrategicTech.Navigation.Planning;
using StrategicTech.Navigation.Planning.Costmaps;
using StrategicTech.Navigation.Planning.Grid;
using StrategicTech.TestSupport;

namespace StrategicTech.Navigation.Tests.Planning.Costmaps;

// Tolerances in this class are rounding epsilons on exact identities (headings along axis-aligned paths); the
// measured figures sit beside the other bounds.
public class CostmapLayerTests
{
    [Fact]
    public void Inflation_values_at_known_distances()
    {
        // 0.05 m cells, robot radius 0.2 m, inflation radius 1.0 m, k = 3/m; one lethal cell at (30, 30).
        var costmap = new Costmap2D(61, 61, 0.05, 0, 0);
        costmap[30, 30] = CostValues.Lethal;
        var inflation = new InflationLayer(0.2, 1.0, 3.0);
        inflation.Apply(costmap);
        Assert.Equal(CostValues.Lethal, costmap[30, 30]);
        Assert.Equal(CostValues.Inscribed, costmap[31, 30]);
        Assert.Equal(CostValues.Inscribed, costmap[34, 30]); // 0.20 m: on the inscribed radius
        Assert.Equal(216, costmap[35, 30]);                  // 0.25 m: ⌊252·e^(−3·0.05)⌋
        Assert.Equal(216, costmap[33, 34]);                  // (3, 4) cells away is also 0.25 m
        Assert.Equal(186, costmap[30, 36]);                  // 0.30 m
        Assert.Equal(102, costmap[40, 30]);                  // 0.50 m
        Assert.Equal(22, costmap[50, 30]);                   // 1.00 m: the inflation radius
        Assert.Equal(0, costmap[51, 30]);                    // beyond
        Assert.Equal(0, costmap[45, 45]);                    // 1.06 m on the diagonal
    }

    [Fact]
    public void Inflation_matches_brute_force_nearest_obstacle_on_a_random_map()
    {
        var random = new Random(7);
        var costmap = new Costmap2D(40, 30, 0.1, 0, 0);
        for (int i = 0; i < 25; i++)
        {
            costmap[random.Next(40), random.Next(30)] = CostValues.Lethal;
        }

        costmap[5, 5] = CostValues.Unknown;
        costmap[20, 1] = CostValues.Unknown;
        byte[] before = costmap.Costs.ToArray();
        var inflation = new InflationLayer(0.25, 0.8, 2.5);
        inflation.Apply(costmap);
        for (int y = 0; y < 30; y++)
        {
            for (int x = 0; x < 40; x++)
            {
                double best = double.MaxValue;
                for (int j = 0; j < before.Length; j++)
                {
                    if (before[j] == CostValues.Lethal)
                    {
                        best = Math.Min(best, Math.Sqrt(Math.Pow((j % 40) - x, 2) + Math.Pow((j / 40) - y, 2)));
                    }
                }

                byte expected = best > 8 ? (byte)0 : best == 0 ? CostValues.Lethal : best * 0.1 <= 0.25 ? CostValues.Inscribed
                    : (byte)(252 * Math.Exp(-2.5 * ((best * 0.1) - 0.25)));
                byte old = before[(y * 40) + x];
                if (old == CostValues.Unknown)
                {
                    expected = expected >= CostValues.Inscribed ? expected : CostValues.Unknown;
                }

                Assert.True(expected == costmap[x, y], $"({x},{y}) distance {best}: expected {expected}, got {costmap[x, y]}");
            }
        }
    }

    [Fact]
    public void Keepout_polygon_marks_the_cells_whose_centres_are_inside()
    {
        var costmap = new Costmap2D(20, 20, 0.5, -5, -5);
        var keepout = new KeepoutLayer();
        // Square from (−2, −2) to (1, 0.5) m: cells x 6..11 (centres −1.75..0.75), y 6..10 (centres −1.75..0.25).
        keepout.AddPolygon([(-2, -2), (1, -2), (1, 0.5), (-2, 0.5)]);
        // Triangle in the other corner.
        keepout.AddPolygon([(2, 2), (4.9, 2), (2, 4.9)]);
        keepout.Apply(costmap);
        for (int y = 0; y < 20; y++)
        {
            for (int x = 0; x < 20; x++)
            {
                (double cx, double cy) = costmap.CellCenterToWorld(x, y);
                bool inSquare = cx > -2 && cx < 1 && cy > -2 && cy < 0.5;
                bool inTriangle = cx > 2 && cy > 2 && (cx - 2) + (cy - 2) < 2.9;
                Assert.Equal(inSquare || inTriangle ? CostValues.Lethal : CostValues.Free, costmap[x, y]);
            }
        }

        Assert.Equal(30, CountIn(costmap, 6, 11, 6, 10));
        Assert.Throws<ArgumentException>(() => keepout.AddPolygon([(0, 0), (1, 1)]));
    }

    [Fact]
    public void Laser_scan_marks_hits_and_clears_along_the_ray()
    {
        // 0.1 m cells, 10 x 10 m, sensor at the centre facing +x.
        var costmap = new Costmap2D(100, 100, 0.1, -5, -5, 0, CostValues.Unknown);
        costmap[60, 50] = CostValues.Lethal;   // stale obstacle on the first beam's path
        costmap[50, 55] = CostValues.Lethal;   // stale obstacle on the max-range beam's path
        var tracer = new LaserScanRayTracer(obstacleMaxRangeM: 3.0, raytraceMaxRangeM: 4.0);
        float[] ranges = [2.03f, 10f, 3.5f, float.NaN];
        // Beams at 0, 90, 180 and 270 degrees.
        int marked = tracer.Apply(costmap, 0.05, 0.05, 0, ranges, 0, Math.PI / 2, 0.1, 8.0);
        Assert.Equal(1, marked);
        Assert.Equal(CostValues.Lethal, costmap[70, 50]);     // hit at x = 2.08 m → cell 70
        Assert.Equal(CostValues.Free, costmap[60, 50]);       // cleared on the way
        for (int x = 50; x < 70; x++)
        {
            Assert.Equal(CostValues.Free, costmap[x, 50]);
        }

        Assert.Equal(CostValues.Unknown, costmap[71, 50]);    // beyond the hit: untouched
        // The 10 m reading is beyond the 8 m sensor range: clear 4 m (raytrace range), mark nothing.
        Assert.Equal(CostValues.Free, costmap[50, 55]);
        Assert.Equal(CostValues.Free, costmap[50, 90]);
        Assert.Equal(CostValues.Unknown, costmap[50, 91]);
        // 3.5 m at 180 degrees: farther than the 3 m obstacle range, so cleared up to the hit but not marked.
        Assert.Equal(CostValues.Free, costmap[16, 50]);
        Assert.Equal(CostValues.Unknown, costmap[15, 50]);
        // NaN beam ignored.
        Assert.Equal(CostValues.Unknown, costmap[50, 45]);
    }

    [Fact]
    public void Laser_scan_ray_tracing_allocates_nothing()
    {
        var costmap = new Costmap2D(200, 200, 0.05, -5, -5);
        var tracer = new LaserScanRayTracer(4.0, 5.0);
        float[] ranges = new float[360];
        for (int k = 0; k < ranges.Length; k++)
        {
            ranges[k] = 1.0f + (k % 30 * 0.1f);
        }

        Allocations.AssertZero(() => tracer.Apply(costmap, 0, 0, 0.3, ranges, -Math.PI, Math.PI / 180, 0.05, 6.0), 20);
    }

    [SharedDataFact]
    public void Inflated_depot_map_gives_a_safe_cost_aware_path_that_shortcuts_and_resamples()
    {
        Costmap2D costmap = MapServerLoader.Load(SharedData.PathOf("maps", "ros", "nav2_depot", "depot.yaml")).ToCostmap();
        new InflationLayer(0.25, 0.8, 3.0).Apply(costmap);
        SearchGrid grid = costmap.ToSearchGrid();
        Assert.True(costmap.TryWorldToCell(3.0, 3.0, out int sx, out int sy));
        Assert.True(costmap.TryWorldToCell(27.0, 12.0, out int gx, out int gy));
        var planner = new AStarPlanner(grid, costWeight: 2.0);
        GridPlanResult result = planner.Plan(new GridCell(sx, sy), new GridCell(gx, gy));
        Assert.Equal(PlanStatus.Success, result.Status);
        foreach (GridCell c in planner.Path)
        {
            Assert.True(costmap[c.X, c.Y] < CostValues.Inscribed, $"path cell ({c.X},{c.Y}) has cost {costmap[c.X, c.Y]}");
        }

        var shortcut = new GridCell[planner.Path.Length];
        int n = PathPostProcessing.Shortcut(grid, planner.Path, shortcut);
        Assert.True(n * 80 < planner.Path.Length, $"shortcut kept {n} of {planner.Path.Length}"); // measured 0.83 % of the cells kept; bound 1/80 (1.5 × that)
        Assert.Equal(planner.Path[0], shortcut[0]);
        Assert.Equal(planner.Path[^1], shortcut[n - 1]);
        for (int k = 1; k < n; k++)
        {
            Assert.True(LineOfSight.IsClear(grid, shortcut[k - 1], shortcut[k]));
        }

        var world = new (double X, double Y)[n];
        costmap.ToWorld(shortcut.AsSpan(0, n), world);
        double length = PathPostProcessing.Length(world);
        var poses = new PathPose[(int)Math.Ceiling(length / 0.25) + 2];
        int m = PathPostProcessing.Resample(world, 0.25, poses);
        Assert.InRange(m, (int)Math.Ceiling(length / 0.25), (int)Math.Ceiling(length / 0.25) + 1);
        for (int k = 1; k < m - 1; k++)
        {
            double step = Math.Sqrt(Math.Pow(poses[k].X - poses[k - 1].X, 2) + Math.Pow(poses[k].Y - poses[k - 1].Y, 2));
            // 0.25 along the path; a corner between two samples shortens the chord: measured 0.249962 at the shortest; bound 0.25 − 1.5 × 3.8e-5
            Assert.InRange(step, 0.24994, 0.25 + 1e-9);
            Assert.True(costmap.TryWorldToCell(poses[k].X, poses[k].Y, out int px, out int py));
            Assert.True(costmap[px, py] < CostValues.Inscribed);
        }

        Assert.Equal(costmap.CellCenterToWorld(gx, gy).XM, poses[m - 1].X, 9);
    }

    [Fact]
    public void Resample_spacing_and_headings_on_an_L_path()
    {
        (double X, double Y)[] points = [(0, 0), (2, 0), (2, 1)];
        var poses = new PathPose[8];
        int n = PathPostProcessing.Resample(points, 0.5, poses);
        Assert.Equal(7, n); // 0, .5, 1, 1.5, 2 (corner), 2.5, 3 (end)
        Assert.Equal((2.0, 0.5), (poses[5].X, poses[5].Y));
        Assert.Equal(0.0, poses[1].HeadingRad, 12);
        Assert.Equal(Math.PI / 2, poses[5].HeadingRad, 12);
        Assert.Equal(Math.PI / 2, poses[6].HeadingRad, 12);
        PathPostProcessing.AssignHeadings(poses.AsSpan(0, n));
        Assert.Equal(Math.PI / 2, poses[4].HeadingRad, 12);
    }

    [Fact]
    public void Moving_ai_map_becomes_a_costmap_with_its_top_row_at_the_largest_y()
    {
        MovingAiMap map = MovingAiMap.Parse("type octile\nheight 2\nwidth 3\nmap\n.@.\nT..\n", "t.map");
        Costmap2D costmap = map.ToCostmap(0.5);
        Assert.Equal((3, 2, 0.5), (costmap.Width, costmap.Height, costmap.ResolutionM));
        Assert.Equal(CostValues.Lethal, costmap[1, 1]); // '@' in file row 0
        Assert.Equal(CostValues.Lethal, costmap[0, 0]); // 'T' in file row 1
        Assert.Equal(4, costmap.Count(CostValues.Free));
        SearchGrid grid = costmap.ToSearchGrid();
        Assert.False(grid.IsPassable(1, 1));
        Assert.True(grid.IsPassable(1, 0));
    }

    private static int CountIn(Costmap2D costmap, int x0, int x1, int y0, int y1)
    {
        int count = 0;
        for (int y = y0; y <= y1; y++)
        {
            for (int x = x0; x <= x1; x++)
            {
                count += costmap[x, y] == CostValues.Lethal ? 1 : 0;
            }
        }

        return count;
    }
}
