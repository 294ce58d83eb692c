using FsCheck.Xunit;
using StrategicTech.Navigation.Planning;
using StrategicTech.Navigation.Planning.Grid;

namespace StrategicTech.Navigation.Tests.Planning.Grid;

// Tolerances in this class are rounding epsilons on exact identities (octile costs, path length equal to cost).
/// <summary>
/// The uniform A* searches on integer step costs (a rational approximation of √2); these properties hold it to an
/// independent Dijkstra in doubles written here from the Moving AI rules, so it cannot share a bug with A* or JPS.
/// </summary>
public class AStarReferenceProperties
{
    [Property(MaxTest = 500)]
    public bool AStar_cost_equals_a_plain_dijkstra_and_its_path_is_legal(int seed, byte density)
    {
        var (grid, random) = RandomGridProperties.RandomGrid(seed, density);
        var astar = new AStarPlanner(grid);
        for (int q = 0; q < 10; q++)
        {
            GridCell s = RandomGridProperties.RandomCell(grid, random), g = RandomGridProperties.RandomCell(grid, random);
            GridPlanResult a = astar.Plan(s, g);
            if (!grid.IsPassable(s.X, s.Y) || !grid.IsPassable(g.X, g.Y))
            {
                if (a.Succeeded)
                {
                    return false;
                }

                continue;
            }

            double reference = Dijkstra(grid, s, g);
            if (double.IsPositiveInfinity(reference))
            {
                if (a.Status != PlanStatus.NoPath)
                {
                    return false;
                }

                continue;
            }

            if (!a.Succeeded || Math.Abs(a.Cost - reference) > 1e-9 || !PathIsLegal(grid, astar.Path, s, g, a.Cost))
            {
                return false;
            }
        }

        return true;
    }

    [Property(MaxTest = 200)]
    public bool AStar_on_an_open_field_costs_the_octile_distance(byte w, byte h, int seed)
    {
        int width = 1 + (w % 90), height = 1 + (h % 90);
        SearchGrid grid = SearchGrid.FromPassability(width, height, Enumerable.Repeat(true, width * height).ToArray());
        var random = new Random(seed);
        var s = new GridCell(random.Next(width), random.Next(height));
        var g = new GridCell(random.Next(width), random.Next(height));
        var astar = new AStarPlanner(grid);
        GridPlanResult r = astar.Plan(s, g);
        int dx = Math.Abs(g.X - s.X), dy = Math.Abs(g.Y - s.Y);

        // On an open field A* expands only the cells of one optimal path: every successor ties f.
        return r.Succeeded
            && Math.Abs(r.Cost - Octile.Distance(dx, dy)) < 1e-9
            && r.PathCount == Math.Max(dx, dy) + 1
            && r.Expansions == Math.Max(dx, dy);
    }

    [Fact]
    public void Repeated_queries_reuse_the_node_records_without_stale_state()
    {
        var (grid, random) = RandomGridProperties.RandomGrid(7, 120);
        var astar = new AStarPlanner(grid);
        var cells = Enumerable.Range(0, 40).Select(_ => RandomGridProperties.RandomCell(grid, random)).ToArray();
        var first = cells.Select(c => astar.Plan(cells[0], c)).ToArray();
        var fresh = new AStarPlanner(grid);
        for (int k = cells.Length - 1; k >= 0; k--)
        {
            GridPlanResult again = astar.Plan(cells[0], cells[k]);
            Assert.Equal(first[k], again);
            Assert.Equal(fresh.Plan(cells[0], cells[k]), again);
        }
    }

    /// <summary>Textbook Dijkstra over legal moves (straight 1, diagonal √2, no corner cutting).</summary>
    private static double Dijkstra(SearchGrid grid, GridCell start, GridCell goal)
    {
        var dist = new double[grid.Width * grid.Height];
        Array.Fill(dist, double.PositiveInfinity);

        var queue = new PriorityQueue<GridCell, double>();
        dist[(start.Y * grid.Width) + start.X] = 0;
        queue.Enqueue(start, 0);
        while (queue.TryDequeue(out GridCell c, out double d))
        {
            if (d > dist[(c.Y * grid.Width) + c.X])
            {
                continue;
            }

            if (c == goal)
            {
                return d;
            }

            for (int dy = -1; dy <= 1; dy++)
            {
                for (int dx = -1; dx <= 1; dx++)
                {
                    if ((dx == 0 && dy == 0) || !MoveIsLegal(grid, c.X, c.Y, dx, dy))
                    {
                        continue;
                    }

                    double nd = d + (dx != 0 && dy != 0 ? Math.Sqrt(2) : 1.0);
                    int i = ((c.Y + dy) * grid.Width) + c.X + dx;
                    if (nd < dist[i])
                    {
                        dist[i] = nd;
                        queue.Enqueue(new GridCell(c.X + dx, c.Y + dy), nd);
                    }
                }
            }
        }

        return double.PositiveInfinity;
    }

    /// <summary>The Moving AI rule, restated: target free, and for a diagonal both side cells free.</summary>
    private static bool MoveIsLegal(SearchGrid grid, int x, int y, int dx, int dy) =>
        grid.IsPassable(x + dx, y + dy) && (dx == 0 || dy == 0 || (grid.IsPassable(x + dx, y) && grid.IsPassable(x, y + dy)));

    private static bool PathIsLegal(SearchGrid grid, ReadOnlySpan<GridCell> path, GridCell s, GridCell g, double cost)
    {
        if (path.Length == 0 || path[0] != s || path[^1] != g)
        {
            return false;
        }

        double length = 0;
        for (int k = 1; k < path.Length; k++)
        {
            int dx = path[k].X - path[k - 1].X, dy = path[k].Y - path[k - 1].Y;
            if (Math.Abs(dx) > 1 || Math.Abs(dy) > 1 || (dx == 0 && dy == 0) || !MoveIsLegal(grid, path[k - 1].X, path[k - 1].Y, dx, dy))
            {
                return false;
            }

            length += dx != 0 && dy != 0 ? Math.Sqrt(2) : 1.0;
        }

        return Math.Abs(length - cost) < 1e-9;
    }
}
