using FsCheck.Xunit;
using StrategicTech.Navigation.Planning;
using StrategicTech.Navigation.Planning.Grid;

namespace StrategicTech.Navigation.Tests.Planning.Grid;

// Tolerances in this class are rounding epsilons on exact identities (closed-form segment costs, cost recomputed from the path); the one
// measured figure, the weighted detour's cost, carries its value beside it.
/// <summary>Lazy Theta* on costmaps: segments cost their cost-weighted length, blocked cells are never crossed.</summary>
public class CostAwareThetaTests
{
    [Fact]
    public void Segment_cost_weights_the_length_inside_each_cell()
    {
        var costs = new byte[5 * 3];
        costs[(1 * 5) + 2] = 252; // cell (2,1)
        SearchGrid grid = SearchGrid.FromCosts(5, 3, costs);

        // Half of each end cell, full cells 1..3; at weight 1 the cost-252 cell counts twice.
        Assert.Equal(5.0, SegmentCost.Of(grid, new GridCell(0, 1), new GridCell(4, 1), 1), 12);
        Assert.Equal(4.0, SegmentCost.Of(grid, new GridCell(0, 1), new GridCell(4, 1), 0), 12);

        // Along row 0 the segment never enters (2,1).
        Assert.Equal(4.0, SegmentCost.Of(grid, new GridCell(0, 0), new GridCell(4, 0), 1), 12);

        // Diagonal (1,0)->(3,2) crosses (2,1) for √2 (doubled) and only touches the cells beside the corners.
        Assert.Equal((2 * Math.Sqrt(2)) + Math.Sqrt(2), SegmentCost.Of(grid, new GridCell(1, 0), new GridCell(3, 2), 1), 12);
    }

    [Property(MaxTest = 300)]
    public bool On_a_uniform_costmap_the_segment_cost_is_length_times_the_factor(byte cost, byte w, int seed)
    {
        byte c = (byte)(cost % 253);
        var random = new Random(seed);
        int width = random.Next(1, 30), height = random.Next(1, 30);
        SearchGrid grid = SearchGrid.FromCosts(width, height, Enumerable.Repeat(c, width * height).ToArray());
        var a = new GridCell(random.Next(width), random.Next(height));
        var b = new GridCell(random.Next(width), random.Next(height));
        double weight = w / 16.0;
        double expected = Octile.Euclidean(b.X - a.X, b.Y - a.Y) * (1 + (weight * Math.Min((int)c, 252) / 252.0));
        return Math.Abs(SegmentCost.Of(grid, a, b, weight) - expected) < 1e-9 * Math.Max(1, expected);
    }

    [Fact]
    public void Weighted_theta_goes_round_an_expensive_band_that_plain_theta_crosses()
    {
        const int width = 21, height = 11;
        var costs = new byte[width * height];
        for (int x = 5; x <= 15; x++)
        {
            costs[(5 * width) + x] = 250;
        }

        SearchGrid grid = SearchGrid.FromCosts(width, height, costs);
        GridCell s = new(0, 5), g = new(20, 5);
        GridPlanResult plain = new LazyThetaStarPlanner(grid).Plan(s, g);
        Assert.Equal(PlanStatus.Success, plain.Status);
        Assert.Equal(20.0, plain.Cost, 9);
        Assert.Equal(2, plain.PathCount);

        var weighted = new LazyThetaStarPlanner(grid, costWeight: 10);
        GridPlanResult r = weighted.Plan(s, g);
        Assert.Equal(PlanStatus.Success, r.Status);
        Assert.True(r.PathCount > 2, "the weighted path must bend round the band");
        // crossing the band would cost 20 + 11·10·250/252 ≈ 129; measured 20.291 (0.291 above the straight 20); bound 20 + 1.5 × 0.291
        Assert.InRange(r.Cost, 20.0, 20.44);
        double recomputed = 0;
        ReadOnlySpan<GridCell> path = weighted.Path;
        for (int k = 1; k < path.Length; k++)
        {
            recomputed += SegmentCost.Of(grid, path[k - 1], path[k], 10);
        }

        Assert.Equal(recomputed, r.Cost, 9);
    }

    [Property(MaxTest = 300)]
    public bool Weighted_theta_never_crosses_a_blocked_cell_and_reports_its_path_cost(int seed, byte density)
    {
        var random = new Random(seed);
        int width = random.Next(2, 35), height = random.Next(2, 35);
        double lethal = density / 255.0 * 0.35;
        var costs = new byte[width * height];
        for (int i = 0; i < costs.Length; i++)
        {
            costs[i] = random.NextDouble() < lethal ? (byte)254 : (byte)random.Next(0, 253);
        }

        SearchGrid grid = SearchGrid.FromCosts(width, height, costs);
        var weighted = new LazyThetaStarPlanner(grid, costWeight: 5);
        var plain = new LazyThetaStarPlanner(grid);
        for (int q = 0; q < 8; q++)
        {
            GridCell s = RandomGridProperties.RandomCell(grid, random), g = RandomGridProperties.RandomCell(grid, random);
            GridPlanResult r = weighted.Plan(s, g);
            if (r.Status != plain.Plan(s, g).Status)
            {
                return false;
            }

            if (!r.Succeeded)
            {
                continue;
            }

            double cost = 0;
            ReadOnlySpan<GridCell> path = weighted.Path;
            for (int k = 1; k < path.Length; k++)
            {
                if (!RandomGridProperties.SegmentAvoidsObstacles(grid, path[k - 1], path[k]))
                {
                    return false;
                }

                cost += SegmentCost.Of(grid, path[k - 1], path[k], 5);
            }

            if (path[0] != s || path[^1] != g || Math.Abs(cost - r.Cost) > 1e-9 * Math.Max(1, cost)
                || r.Cost < Octile.Euclidean(g.X - s.X, g.Y - s.Y) - 1e-9)
            {
                return false;
            }
        }

        return true;
    }
}
