using StrategicTech.Navigation.Planning;
using StrategicTech.Navigation.Planning.Grid;

namespace StrategicTech.Navigation.Tests.Planning.Grid;

// Tolerances in this class are rounding epsilons on exact identities (closed-form octile and weighted costs).
public class CostAwareAStarTests
{
    [Fact]
    public void High_cost_band_is_avoided_when_costs_are_weighted_and_lethal_blocks()
    {
        // 21 wide, 9 high; a costly band on row 4 except at its ends, lethal cell in the middle of row 2.
        const int w = 21, h = 9;
        var costs = new byte[w * h];
        for (int x = 2; x < w - 2; x++)
        {
            costs[(4 * w) + x] = 200;
        }

        costs[(2 * w) + 10] = 254;
        costs[(6 * w) + 10] = 253;
        var grid = SearchGrid.FromCosts(w, h, costs);
        Assert.False(grid.IsPassable(10, 2));
        Assert.False(grid.IsPassable(10, 6));
        Assert.Equal(200, grid.CostAt(5, 4));

        var plain = new AStarPlanner(grid);
        GridPlanResult straight = plain.Plan(new GridCell(10, 0), new GridCell(10, 8));
        Assert.Equal(PlanStatus.Success, straight.Status);
        Assert.Equal(8 + (2 * (Octile.Sqrt2 - 1)), straight.Cost, 9); // two detours round the blocked cells

        var weighted = new AStarPlanner(grid, costWeight: 50);
        GridPlanResult r = weighted.Plan(new GridCell(10, 0), new GridCell(10, 8));
        Assert.Equal(PlanStatus.Success, r.Status);
        foreach (GridCell c in weighted.Path)
        {
            Assert.True(grid.CostAt(c.X, c.Y) < 200, $"path crosses the costly band at ({c.X},{c.Y})");
        }

        // Every step pays 1 + 50·cost/252 of the cell it enters; the free detour costs exactly its octile length.
        double length = 0;
        ReadOnlySpan<GridCell> path = weighted.Path;
        for (int k = 1; k < path.Length; k++)
        {
            length += Octile.Distance(path[k].X - path[k - 1].X, path[k].Y - path[k - 1].Y);
        }

        Assert.Equal(length, r.Cost, 9);
    }

    [Fact]
    public void Unknown_cells_block_unless_allowed()
    {
        var costs = new byte[] { 0, 255, 0 };
        Assert.Equal(PlanStatus.NoPath, new AStarPlanner(SearchGrid.FromCosts(3, 1, costs)).Plan(new GridCell(0, 0), new GridCell(2, 0)).Status);
        GridPlanResult r = new AStarPlanner(SearchGrid.FromCosts(3, 1, costs, unknownIsPassable: true)).Plan(new GridCell(0, 0), new GridCell(2, 0));
        Assert.Equal(2.0, r.Cost, 12);
    }
}
