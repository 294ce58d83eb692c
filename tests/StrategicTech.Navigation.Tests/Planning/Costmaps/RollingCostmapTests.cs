using StrategicTech.Navigation.Planning.Costmaps;
using StrategicTech.TestSupport;

namespace StrategicTech.Navigation.Tests.Planning.Costmaps;

public class RollingCostmapTests
{
    private const int Beams = 360;
    private const double AngleMinRad = -Math.PI;
    private const double AngleStepRad = 2 * Math.PI / Beams;
    private const double RangeMaxM = 8.0;

    [Fact]
    public void The_window_is_centred_on_the_robot_and_snapped_to_whole_cells()
    {
        RollingCostmap local = Local(OpenMap(), sizeM: 6.0, resolutionM: 0.1);
        Assert.Equal(60, local.SizeCells);
        Assert.True(local.Recenter(10.04, 5.07));
        Assert.Equal(7.0, local.Master.OriginXM, 9);
        Assert.Equal(2.0, local.Master.OriginYM, 9);
        Assert.False(local.Recenter(10.06, 5.09)); // still in the same cell of the lattice
        Assert.True(local.Master.TryWorldToCell(10.04, 5.07, out int cx, out int cy));
        Assert.Equal((30, 30), (cx, cy));
    }

    [Fact]
    public void A_person_who_walked_away_is_cleared_by_the_next_scan()
    {
        Costmap2D map = OpenMap();
        RollingCostmap local = Local(map, sizeM: 6.0, resolutionM: 0.05);
        float[] ranges = new float[Beams];

        // A person (0.25 m disc) 1.5 m ahead of the robot at (10, 5): the beams hit its near side.
        (double px, double py) = (11.5, 5.0);
        CastOpen(ranges, 10, 5, px, py, 0.25);
        local.Recenter(10, 5);
        local.AddScan(10, 5, 0, ranges, AngleMinRad, AngleStepRad, 0.05, RangeMaxM);
        local.Update();
        Assert.True(local.Master.TryWorldToCell(11.25, 5.0, out int hx, out int hy));
        Assert.Equal(CostValues.Lethal, local.Master[hx, hy]);
        Assert.True(local.Master.TryWorldToCell(11.05, 5.0, out int ix, out int iy));
        Assert.Equal(CostValues.Inscribed, local.Master[ix, iy]); // 0.20 m in front of the hit, inside 0.22 m

        // The person walks away out of the window: the beams now pass through where it stood.
        CastOpen(ranges, 10, 5, 30, 30, 0.25);
        local.AddScan(10, 5, 0, ranges, AngleMinRad, AngleStepRad, 0.05, RangeMaxM);
        local.Update();
        Assert.Equal(0, local.Obstacles.Count(CostValues.Lethal));
        Assert.Equal(local.Master.Costs.Length, local.Master.Count(CostValues.Free));
    }

    [Fact]
    public void Marks_move_with_the_map_when_the_window_scrolls_and_leave_when_they_scroll_out()
    {
        RollingCostmap local = Local(OpenMap(), sizeM: 4.0, resolutionM: 0.1);
        local.Recenter(10, 5.02);
        local.AddScan(10, 5.02, 0, [1.04f], 0, 0, 0.05, RangeMaxM); // one beam along +x hits (11.04, 5.02)
        local.Update();
        Assert.Equal(1, local.Obstacles.Count(CostValues.Lethal));

        local.Recenter(10.7, 5.3); // 0.7 m / 0.3 m: the mark keeps its map position
        local.Update();
        Assert.True(local.Master.TryWorldToCell(11.04, 5.02, out int x, out int y));
        Assert.Equal(CostValues.Lethal, local.Master[x, y]);
        Assert.Equal(1, local.Obstacles.Count(CostValues.Lethal));

        local.Recenter(14.0, 5.0); // the mark is now 3 m behind, outside the 4 m window
        local.Recenter(10.0, 5.0); // and coming back does not bring it back
        local.Update();
        Assert.Equal(0, local.Obstacles.Count(CostValues.Lethal));
    }

    [SharedDataFact]
    public void The_window_carries_the_static_map_walls_at_its_own_resolution()
    {
        Costmap2D map = MapServerLoader.Load(SharedData.PathOf("maps", "ros", "nav2_warehouse", "warehouse.yaml")).ToCostmap();
        RollingCostmap local = Local(map, sizeM: 6.0, resolutionM: 0.1);
        (double cx, double cy) = map.CellCenterToWorld(map.Width / 2, map.Height / 2);
        local.Recenter(cx, cy);
        local.Update();
        int mismatches = 0, checkedCells = 0;
        for (int y = 0; y < local.SizeCells; y++)
        {
            for (int x = 0; x < local.SizeCells; x++)
            {
                (double wx, double wy) = local.Master.CellCenterToWorld(x, y);
                Assert.True(map.TryWorldToCell(wx, wy, out int sx, out int sy));
                if (map[sx, sy] == CostValues.Lethal)
                {
                    checkedCells++;
                    mismatches += local.Master[x, y] == CostValues.Lethal ? 0 : 1;
                }
            }
        }

        Assert.True(checkedCells > 0, "the window should hold some walls of the warehouse");
        Assert.Equal(0, mismatches);
    }

    [Fact]
    public void Recenter_scan_and_update_allocate_nothing()
    {
        RollingCostmap local = Local(OpenMap(), sizeM: 6.0, resolutionM: 0.05);
        float[] ranges = new float[Beams];
        CastOpen(ranges, 10, 5, 11.5, 5.5, 0.25);
        double x = 10;
        local.Recenter(x, 5);
        local.AddScan(x, 5, 0, ranges, AngleMinRad, AngleStepRad, 0.05, RangeMaxM);
        local.Update();
        Allocations.AssertZero(() =>
        {
            x += 0.12;
            local.Recenter(x, 5);
            local.AddScan(x, 5, 0, ranges, AngleMinRad, AngleStepRad, 0.05, RangeMaxM);
            local.Update();
        });
    }

    [Fact]
    public void Invalid_sizes_are_rejected()
    {
        Costmap2D map = OpenMap();
        var inflation = new InflationLayer(0.22, 0.55, 3.0);
        Assert.Throws<ArgumentOutOfRangeException>(() => new RollingCostmap(map, 0.1, 0.05, inflation, 3, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RollingCostmap(map, 6, 0, inflation, 3, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RollingCostmap(map, double.PositiveInfinity, 0.05, inflation, 3, 4));
    }

    private static RollingCostmap Local(Costmap2D map, double sizeM, double resolutionM) =>
        new(map, sizeM, resolutionM, new InflationLayer(0.22, 0.55, 3.0), obstacleMaxRangeM: 3.0, raytraceMaxRangeM: 4.0);

    /// <summary>A 20 × 10 m free map at 0.05 m.</summary>
    private static Costmap2D OpenMap() => new(400, 200, 0.05, 0, 0);

    /// <summary>Ranges from (sx, sy) heading 0 on an open map with one disc; +∞ where nothing is hit within range.</summary>
    private static void CastOpen(float[] ranges, double sx, double sy, double discX, double discY, double radiusM)
    {
        for (int k = 0; k < ranges.Length; k++)
        {
            double a = AngleMinRad + (k * AngleStepRad);
            double ux = Math.Cos(a), uy = Math.Sin(a);
            double ox = discX - sx, oy = discY - sy;
            double along = (ox * ux) + (oy * uy);
            double across2 = (ox * ox) + (oy * oy) - (along * along);
            double r2 = radiusM * radiusM;
            double t = along > 0 && across2 <= r2 ? along - Math.Sqrt(r2 - across2) : double.PositiveInfinity;
            ranges[k] = t < RangeMaxM ? (float)t : float.PositiveInfinity;
        }
    }
}
