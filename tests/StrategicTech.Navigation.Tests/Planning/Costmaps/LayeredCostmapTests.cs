using FsCheck.Xunit;
using StrategicTech.Navigation.Planning.Costmaps;
using StrategicTech.TestSupport;

namespace StrategicTech.Navigation.Tests.Planning.Costmaps;

public class LayeredCostmapTests
{
    private const int Beams = 360;
    private const double AngleMinRad = -Math.PI;
    private const double AngleStepRad = 2 * Math.PI / Beams;

    [Property(MaxTest = 60)]
    public void Windowed_update_equals_full_recomputation_on_random_grids(int seed)
    {
        var random = new Random(seed);
        var map = new Costmap2D(40, 30, 0.1, -1.0, 0.5);
        for (int i = 0; i < map.Costs.Length; i++)
        {
            int roll = random.Next(20);
            map.Costs[i] = roll == 0 ? CostValues.Lethal : roll == 1 ? CostValues.Unknown : roll == 2 ? (byte)random.Next(1, 253) : CostValues.Free;
        }

        var rig = new Rig(map, new InflationLayer(0.15, 0.5, 4.0, inflateUnknown: random.Next(2) == 0), rangeMaxM: 3.0);
        rig.AssertMatchesReference("initial");
        for (int step = 0; step < 6; step++)
        {
            if (random.Next(3) == 0)
            {
                rig.AddRandomPolygon(random, $"step {step}");
            }
            else
            {
                rig.AddRandomScan(random);
            }

            rig.AssertMatchesReference($"seed {seed} step {step}");
        }
    }

    [SharedDataProperty(MaxTest = 4)]
    public void Windowed_update_equals_full_recomputation_on_the_nav2_warehouse(int seed)
    {
        var random = new Random(seed);
        var rig = new Rig(WarehouseStatic(), new InflationLayer(0.22, 0.55, 3.0), rangeMaxM: 8.0);
        rig.AssertMatchesReference("initial");
        for (int step = 0; step < 4; step++)
        {
            if (step == 2)
            {
                rig.AddRandomPolygon(random, $"step {step}");
            }
            else
            {
                rig.AddRandomScan(random);
            }

            rig.AssertMatchesReference($"seed {seed} step {step}");
            // measured at most 19.5 % of the map over the steps; bound 25 % (within 1.5 × that)
            Assert.True(rig.Layered.LastWindow.CellCount < rig.Map.Costs.Length / 4,
                $"step {step}: window {rig.Layered.LastWindow} is most of the map");
        }
    }

    [Fact]
    public void A_clearing_scan_removes_a_marked_obstacle_and_its_inflation()
    {
        var map = new Costmap2D(100, 100, 0.05, 0, 0);
        var rig = new Rig(map, new InflationLayer(0.2, 1.0, 3.0), rangeMaxM: 5.0);
        rig.Layered.Update();
        Assert.Equal(map.Costs.Length, map.Count(CostValues.Free));

        // One beam along +x from the centre of cell (50, 50) hits at 1.0 m: cell (70, 50).
        rig.AddScan(2.525, 2.525, 0, [1.0f], 0, 0, 5.0);
        rig.AssertMatchesReference("marked");
        Costmap2D master = rig.Layered.Master;
        Assert.Equal(CostValues.Lethal, master[70, 50]);
        Assert.Equal(CostValues.Inscribed, master[74, 50]); // 0.20 m
        Assert.Equal(216, master[75, 50]);                  // ⌊252·e^(−3·0.05)⌋
        Assert.Equal(22, master[70, 70]);                   // 1.00 m
        Assert.Equal(1, master.Count(CostValues.Lethal));

        // The same beam now sees nothing (max range): the ray clears the cell, and the inflation goes with it.
        rig.AddScan(2.525, 2.525, 0, [float.PositiveInfinity], 0, 0, 5.0);
        CellWindow window = rig.Layered.Update();
        Assert.Equal(CostValues.Free, rig.Obstacles.Grid[70, 50]);
        Assert.Equal(master.Costs.Length, master.Count(CostValues.Free));
        // Changed: (70, 50) lethal → free and (71..99, 50) unknown → free; plus the 20-cell inflation radius, clamped.
        Assert.Equal(new CellWindow(50, 30, 99, 70), window);
        rig.AssertMatchesReference("cleared");
    }

    [Fact]
    public void Keepout_cells_stay_lethal_when_scans_clear_through_them()
    {
        var map = new Costmap2D(100, 100, 0.05, 0, 0);
        var rig = new Rig(map, new InflationLayer(0.1, 0.3, 3.0), rangeMaxM: 5.0);
        rig.AddPolygon([(3.0, 2.0), (3.5, 2.0), (3.5, 3.0), (3.0, 3.0)]);
        rig.Layered.Update();
        int keepoutCells = rig.Keepout.Mask.Count(CostValues.Lethal);
        Assert.Equal(10 * 20, keepoutCells);

        var ranges = new float[Beams];
        Array.Fill(ranges, float.PositiveInfinity);
        for (int k = 0; k < 5; k++)
        {
            rig.AddScan(1.0 + (0.3 * k), 2.5, 0.01 * k, ranges, AngleMinRad, AngleStepRad, 4.5);
            rig.Layered.Update();
        }

        Assert.Equal(CostValues.Free, rig.Obstacles.Grid[65, 50]); // the scans cleared the zone in their own grid
        for (int y = 40; y < 60; y++)
        {
            for (int x = 60; x < 70; x++)
            {
                Assert.Equal(CostValues.Lethal, rig.Layered.Master[x, y]);
            }
        }

        Assert.Equal(CostValues.Inscribed, rig.Layered.Master[58, 50]); // 2 cells = 0.1 m from the zone edge
        rig.AssertMatchesReference("after clearing");
    }

    [SharedDataFact]
    public void Window_covers_the_changed_cells_plus_the_inflation_radius_and_not_the_map()
    {
        var rig = new Rig(WarehouseStatic(), new InflationLayer(0.22, 0.55, 3.0), rangeMaxM: 8.0);
        var random = new Random(3);
        rig.AddRandomScan(random);
        rig.Layered.Update(); // first update: the static layer makes the whole map dirty anyway
        byte[] before = rig.Obstacles.Grid.Costs.ToArray();
        byte[] masterBefore = rig.Layered.Master.Costs.ToArray();
        (double sx, double sy) = rig.RandomFreePoint(random);
        var ranges = new float[Beams];
        for (int k = 0; k < Beams; k++)
        {
            ranges[k] = k is >= 80 and < 100 ? 1.2f : float.PositiveInfinity; // a person 1.2 m away
        }

        rig.AddScan(sx, sy, 0, ranges, AngleMinRad, AngleStepRad, 3.0);
        CellWindow window = rig.Layered.Update();

        int w = rig.Map.Width;
        CellWindow changed = CellWindow.Empty;
        ReadOnlySpan<byte> after = rig.Obstacles.Grid.Costs;
        for (int i = 0; i < before.Length; i++)
        {
            if (before[i] != after[i])
            {
                changed.Include(i % w, i / w);
            }
        }

        Assert.False(changed.IsEmpty);
        int radius = 19; // ⌈0.55 / 0.03⌉
        CellWindow expected = changed.Expanded(radius).ClampedTo(w, rig.Map.Height);
        Assert.True(window.MinX <= expected.MinX && window.MinY <= expected.MinY && window.MaxX >= expected.MaxX && window.MaxY >= expected.MaxY,
            $"window {window} misses {expected}");
        Assert.True(window.CellCount <= expected.CellCount, $"window {window} is larger than {expected}"); // measured exactly the expected window
        Assert.True(window.CellCount < rig.Map.Costs.Length / 20, $"window {window} is not small"); // measured 3.4 % of the map; bound 5 % (within 1.5 × that)

        ReadOnlySpan<byte> masterAfter = rig.Layered.Master.Costs;
        for (int i = 0; i < masterBefore.Length; i++)
        {
            if (masterBefore[i] != masterAfter[i])
            {
                Assert.True(window.Contains(i % w, i / w), $"cell {i % w},{i / w} changed outside the window");
            }
        }

        rig.AssertMatchesReference("after the person scan");
        Assert.True(rig.Layered.Update().IsEmpty, "nothing changed, so nothing is recomputed");
    }

    [SharedDataFact]
    public void Scan_and_update_allocate_nothing()
    {
        var rig = new Rig(WarehouseStatic(), new InflationLayer(0.22, 0.55, 3.0), rangeMaxM: 8.0);
        rig.Layered.Update();
        (double sx, double sy) = rig.RandomFreePoint(new Random(5));
        var near = new float[Beams];
        var far = new float[Beams];
        Array.Fill(near, 1.5f);
        Array.Fill(far, float.PositiveInfinity);
        int n = 0;
        Allocations.AssertZero(() =>
        {
            rig.Obstacles.AddScan(sx, sy, 0, (n++ & 1) == 0 ? near : far, AngleMinRad, AngleStepRad, 0.05, 3.0);
            rig.Layered.Update();
        }, 20);
        Allocations.AssertZero(() => rig.Layered.UpdateFull(), 2);
    }

    [Fact]
    public void Clearing_the_keepout_zones_restores_the_cells_they_covered()
    {
        var map = new Costmap2D(60, 60, 0.1, 0, 0);
        var rig = new Rig(map, new InflationLayer(0.1, 0.3, 3.0), rangeMaxM: 5.0);
        rig.Keepout.AddPolygon([(2.0, 2.0), (3.0, 2.0), (3.0, 3.0), (2.0, 3.0)]);
        rig.Layered.Update();
        Assert.Equal(100, rig.Layered.Master.Count(CostValues.Lethal));

        rig.Keepout.ClearPolygons();
        CellWindow window = rig.Layered.Update();
        Assert.Equal(map.Costs.Length, rig.Layered.Master.Count(CostValues.Free));
        Assert.Equal(new CellWindow(16, 16, 34, 34), window); // vertex cells 20..30 with 1 cell of slack, ± 3 cells of inflation
    }

    [Fact]
    public void A_layer_of_another_size_is_rejected_with_both_sizes()
    {
        var layered = new LayeredCostmap(new Costmap2D(20, 10, 0.1, 0, 0));
        layered.AddLayer(new StaticCostmapLayer(new Costmap2D(21, 10, 0.1, 0, 0)));
        ArgumentException error = Assert.Throws<ArgumentException>(() => layered.Update());
        Assert.Contains("static layer is 21x10 cells but the master costmap is 20x10", error.Message, StringComparison.Ordinal);
    }

    private static Costmap2D WarehouseStatic() =>
        MapServerLoader.Load(SharedData.PathOf("maps", "ros", "nav2_warehouse", "warehouse.yaml")).ToCostmap();

    /// <summary>A layered costmap plus an independent record (separate tracer, plain keep-out layer) to recompute from scratch.</summary>
    private sealed class Rig
    {
        private readonly Costmap2D _referenceObstacles;
        private readonly LaserScanRayTracer _referenceTracer;
        private readonly KeepoutLayer _referenceKeepout = new();
        private readonly InflationLayer _inflation;
        private readonly double _rangeMaxM;

        public Rig(Costmap2D map, InflationLayer inflation, double rangeMaxM)
        {
            Map = map;
            _inflation = inflation;
            _rangeMaxM = rangeMaxM;
            Layered = new LayeredCostmap(map);
            Obstacles = new ObstacleCostmapLayer(map, rangeMaxM * 0.8, rangeMaxM);
            Keepout = new KeepoutCostmapLayer(map);
            Layered.AddLayer(new StaticCostmapLayer(map));
            Layered.AddLayer(Obstacles);
            Layered.AddLayer(Keepout);
            Layered.AddLayer(new InflationCostmapLayer(map, inflation));
            _referenceTracer = new LaserScanRayTracer(rangeMaxM * 0.8, rangeMaxM);
            _referenceObstacles = new Costmap2D(map.Width, map.Height, map.ResolutionM, map.OriginXM, map.OriginYM, map.OriginYawRad, CostValues.Unknown);
        }

        public Costmap2D Map { get; }

        public LayeredCostmap Layered { get; }

        public ObstacleCostmapLayer Obstacles { get; }

        public KeepoutCostmapLayer Keepout { get; }

        public (double X, double Y) RandomFreePoint(Random random)
        {
            while (true)
            {
                int x = random.Next(Map.Width), y = random.Next(Map.Height);
                if (Map[x, y] == CostValues.Free)
                {
                    return Map.CellCenterToWorld(x, y);
                }
            }
        }

        public void AddRandomScan(Random random)
        {
            (double sx, double sy) = RandomFreePoint(random);
            double yaw = random.NextDouble() * 2 * Math.PI;
            var ranges = new float[Beams];
            for (int k = 0; k < Beams; k++)
            {
                int roll = random.Next(10);
                ranges[k] = roll == 0 ? float.NaN : roll == 1 ? float.PositiveInfinity : (float)(random.NextDouble() * _rangeMaxM * 1.1);
            }

            AddScan(sx, sy, yaw, ranges, AngleMinRad, AngleStepRad, _rangeMaxM);
        }

        public void AddScan(double sx, double sy, double yaw, float[] ranges, double angleMinRad, double angleStepRad, double rangeMaxM)
        {
            Obstacles.AddScan(sx, sy, yaw, ranges, angleMinRad, angleStepRad, 0.05, rangeMaxM);
            _referenceTracer.Apply(_referenceObstacles, sx, sy, yaw, ranges, angleMinRad, angleStepRad, 0.05, rangeMaxM);
        }

        public void AddRandomPolygon(Random random, string label)
        {
            (double cx, double cy) = RandomFreePoint(random);
            double sizeM = Map.ResolutionM * random.Next(2, 15);
            (double, double)[] vertices = [(cx - sizeM, cy - sizeM), (cx + sizeM, cy - (sizeM / 2)), (cx + (sizeM / 3), cy + sizeM)];
            AddPolygon(vertices);
            Assert.True(Keepout.PolygonCount == _referenceKeepout.PolygonCount, label);
        }

        public void AddPolygon((double, double)[] vertices)
        {
            Keepout.AddPolygon(vertices);
            _referenceKeepout.AddPolygon(vertices);
        }

        public void AssertMatchesReference(string label)
        {
            Layered.Update();
            Assert.True(_referenceObstacles.Costs.SequenceEqual(Obstacles.Grid.Costs), $"{label}: obstacle grid differs");

            // From scratch: static copy, max with the obstacle grid (layer unknown skipped), keep-out, inflation.
            var full = new Costmap2D(Map.Width, Map.Height, Map.ResolutionM, Map.OriginXM, Map.OriginYM);
            Map.Costs.CopyTo(full.Costs);
            ReadOnlySpan<byte> obstacles = _referenceObstacles.Costs;
            Span<byte> costs = full.Costs;
            for (int i = 0; i < costs.Length; i++)
            {
                if (obstacles[i] != CostValues.Unknown && (costs[i] == CostValues.Unknown || costs[i] < obstacles[i]))
                {
                    costs[i] = obstacles[i];
                }
            }

            _referenceKeepout.Apply(full);
            _inflation.Apply(full);
            ReadOnlySpan<byte> master = Layered.Master.Costs;
            int mismatch = 0, first = -1;
            for (int i = 0; i < costs.Length; i++)
            {
                if (costs[i] != master[i])
                {
                    mismatch++;
                    first = first < 0 ? i : first;
                }
            }

            Assert.True(mismatch == 0,
                $"{label}: {mismatch} cells differ, first ({first % Map.Width},{first / Map.Width}) full {(first < 0 ? 0 : costs[first])} windowed {(first < 0 ? 0 : master[first])}");
        }
    }
}
