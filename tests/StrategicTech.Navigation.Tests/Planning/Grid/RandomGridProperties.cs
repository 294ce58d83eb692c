using FsCheck;
using FsCheck.Xunit;
using StrategicTech.Navigation.Planning;
using StrategicTech.Navigation.Planning.Grid;

namespace StrategicTech.Navigation.Tests.Planning.Grid;

// Tolerances in this class are rounding epsilons on exact identities (straight-line costs, path length equal to cost, collinearity).
/// <summary>Property tests on random grids: JPS is exactly as optimal as A*; Theta* is never longer and never blocked.</summary>
public class RandomGridProperties
{
    [Property(MaxTest = 1000)]
    public bool Jps_cost_equals_astar_cost(int seed, byte density)
    {
        var (grid, random) = RandomGrid(seed, density);
        var astar = new AStarPlanner(grid);
        var jps = new JumpPointPlanner(grid);
        for (int q = 0; q < 10; q++)
        {
            GridCell s = RandomCell(grid, random), g = RandomCell(grid, random);
            GridPlanResult a = astar.Plan(s, g);
            GridPlanResult j = jps.Plan(s, g);
            if (a.Status != j.Status || (a.Succeeded && Math.Abs(a.Cost - j.Cost) > 1e-9))
            {
                return false;
            }

            if (j.Succeeded && !JumpPathIsLegal(grid, jps.Path, j.Cost))
            {
                return false;
            }
        }

        return true;
    }

    [Property(MaxTest = 1000)]
    public bool Theta_is_never_longer_than_astar_and_never_crosses_an_obstacle(int seed, byte density)
    {
        var (grid, random) = RandomGrid(seed, density);
        var astar = new AStarPlanner(grid);
        var theta = new LazyThetaStarPlanner(grid);
        for (int q = 0; q < 10; q++)
        {
            GridCell s = RandomCell(grid, random), g = RandomCell(grid, random);
            GridPlanResult a = astar.Plan(s, g);
            GridPlanResult t = theta.Plan(s, g);
            if (a.Status != t.Status)
            {
                return false;
            }

            if (!t.Succeeded)
            {
                continue;
            }

            if (t.Cost > a.Cost + 1e-9)
            {
                return false;
            }

            double length = 0;
            ReadOnlySpan<GridCell> path = theta.Path;
            for (int k = 1; k < path.Length; k++)
            {
                if (!SegmentAvoidsObstacles(grid, path[k - 1], path[k]))
                {
                    return false;
                }

                length += Octile.Euclidean(path[k].X - path[k - 1].X, path[k].Y - path[k - 1].Y);
            }

            if (Math.Abs(length - t.Cost) > 1e-9 || path[0] != s || path[^1] != g)
            {
                return false;
            }
        }

        return true;
    }

    [Fact]
    public void Theta_cuts_the_corner_of_an_open_field()
    {
        SearchGrid grid = SearchGrid.FromPassability(20, 20, Enumerable.Repeat(true, 400).ToArray());
        var theta = new LazyThetaStarPlanner(grid);
        GridPlanResult r = theta.Plan(new GridCell(0, 0), new GridCell(19, 7));
        Assert.Equal(PlanStatus.Success, r.Status);
        Assert.Equal(Math.Sqrt((19 * 19) + (7 * 7)), r.Cost, 9);
        Assert.Equal(2, r.PathCount);
    }

    internal static (SearchGrid Grid, Random Random) RandomGrid(int seed, byte density)
    {
        var random = new Random(seed);
        int width = random.Next(2, 40), height = random.Next(2, 40);
        double blocked = density / 255.0 * 0.45;
        var passable = new bool[width * height];
        for (int i = 0; i < passable.Length; i++)
        {
            passable[i] = random.NextDouble() >= blocked;
        }

        return (SearchGrid.FromPassability(width, height, passable), random);
    }

    internal static GridCell RandomCell(SearchGrid grid, Random random)
    {
        for (int tries = 0; tries < 50; tries++)
        {
            var c = new GridCell(random.Next(grid.Width), random.Next(grid.Height));
            if (grid.IsPassable(c.X, c.Y))
            {
                return c;
            }
        }

        return new GridCell(random.Next(grid.Width), random.Next(grid.Height));
    }

    /// <summary>Jump points joined by straight or diagonal runs of legal moves, totalling the reported cost.</summary>
    private static bool JumpPathIsLegal(SearchGrid grid, ReadOnlySpan<GridCell> path, double cost)
    {
        double length = 0;
        for (int k = 1; k < path.Length; k++)
        {
            int dx = Math.Sign(path[k].X - path[k - 1].X), dy = Math.Sign(path[k].Y - path[k - 1].Y);
            int steps = Math.Max(Math.Abs(path[k].X - path[k - 1].X), Math.Abs(path[k].Y - path[k - 1].Y));
            if (dx != 0 && dy != 0 && Math.Abs(path[k].X - path[k - 1].X) != Math.Abs(path[k].Y - path[k - 1].Y))
            {
                return false;
            }

            for (int i = 0; i < steps; i++)
            {
                if (!grid.CanMove(path[k - 1].X + (i * dx), path[k - 1].Y + (i * dy), dx, dy))
                {
                    return false;
                }
            }

            length += Octile.Distance(path[k].X - path[k - 1].X, path[k].Y - path[k - 1].Y);
        }

        return Math.Abs(length - cost) < 1e-9;
    }

    /// <summary>
    /// Independent of <see cref="LineOfSight"/>: the segment between cell centres must not enter the interior of any
    /// blocked unit square, nor pass through a corner between two diagonally placed blocked squares.
    /// </summary>
    internal static bool SegmentAvoidsObstacles(SearchGrid grid, GridCell a, GridCell b)
    {
        int minX = Math.Min(a.X, b.X) - 1, maxX = Math.Max(a.X, b.X) + 1;
        int minY = Math.Min(a.Y, b.Y) - 1, maxY = Math.Max(a.Y, b.Y) + 1;
        for (int y = minY; y <= maxY; y++)
        {
            for (int x = minX; x <= maxX; x++)
            {
                bool blocked = !grid.IsPassable(x, y);
                if (blocked && ClippedLength(a, b, x - 0.5, x + 0.5, y - 0.5, y + 0.5) > 1e-9)
                {
                    return false;
                }

                // Corner at (x+0.5, y+0.5) shared by (x,y), (x+1,y), (x,y+1), (x+1,y+1).
                double cx = x + 0.5, cy = y + 0.5;
                double ex = b.X - a.X, ey = b.Y - a.Y;
                double cross = (ex * (cy - a.Y)) - (ey * (cx - a.X));
                double along = (ex * (cx - a.X)) + (ey * (cy - a.Y));
                if (Math.Abs(cross) < 1e-9 && along > 0 && along < (ex * ex) + (ey * ey))
                {
                    bool diagonalBlocked = (!grid.IsPassable(x, y) && !grid.IsPassable(x + 1, y + 1))
                        || (!grid.IsPassable(x + 1, y) && !grid.IsPassable(x, y + 1));
                    if (diagonalBlocked)
                    {
                        return false;
                    }
                }
            }
        }

        return true;
    }

    private static double ClippedLength(GridCell a, GridCell b, double x0, double x1, double y0, double y1)
    {
        double t0 = 0, t1 = 1;
        double dx = b.X - a.X, dy = b.Y - a.Y;
        if (!Clip(-dx, a.X - x0, ref t0, ref t1) || !Clip(dx, x1 - a.X, ref t0, ref t1)
            || !Clip(-dy, a.Y - y0, ref t0, ref t1) || !Clip(dy, y1 - a.Y, ref t0, ref t1))
        {
            return 0;
        }

        // Only a stretch strictly inside the square counts; running along its edge does not.
        double mx = a.X + (dx * (t0 + t1) / 2), my = a.Y + (dy * (t0 + t1) / 2);
        bool inside = mx > x0 + 1e-9 && mx < x1 - 1e-9 && my > y0 + 1e-9 && my < y1 - 1e-9;
        return inside ? (t1 - t0) * Math.Sqrt((dx * dx) + (dy * dy)) : 0;
    }

    private static bool Clip(double p, double q, ref double t0, ref double t1)
    {
        if (p == 0)
        {
            return q >= 0;
        }

        double r = q / p;
        if (p < 0)
        {
            if (r > t1)
            {
                return false;
            }

            t0 = Math.Max(t0, r);
        }
        else
        {
            if (r < t0)
            {
                return false;
            }

            t1 = Math.Min(t1, r);
        }

        return true;
    }
}
