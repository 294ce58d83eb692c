using StrategicTech.Navigation.Planning.Grid;

namespace StrategicTech.Navigation.Planning.Mapf;

/// <summary>
/// The benchmark's measures of a solution: sum-of-costs (each agent charged until its final arrival at its goal),
/// makespan, and the lower bound every solution's sum-of-costs is at least (the sum of single-agent shortest path
/// lengths, by breadth-first search on the map, independent of any solver's distance tables).
/// </summary>
public static class MapfMetrics
{
    public static long SumOfCosts(IReadOnlyList<GridCell[]> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        long soc = 0;
        foreach (GridCell[] p in paths)
        {
            soc += ArrivalTime(p);
        }

        return soc;
    }

    public static int Makespan(IReadOnlyList<GridCell[]> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        int m = 0;
        foreach (GridCell[] p in paths)
        {
            m = Math.Max(m, ArrivalTime(p));
        }

        return m;
    }

    /// <summary>Sum of 4-connected shortest path lengths; -1 when some goal is unreachable from its start.</summary>
    public static long LowerBound(MovingAiMap map, IReadOnlyList<GridCell> starts, IReadOnlyList<GridCell> goals)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(starts);
        ArgumentNullException.ThrowIfNull(goals);
        var dist = new int[map.Width * map.Height];
        var queue = new int[dist.Length];
        long sum = 0;
        for (int i = 0; i < starts.Count; i++)
        {
            int d = ShortestPath(map, starts[i], goals[i], dist, queue);
            if (d < 0)
            {
                return -1;
            }

            sum += d;
        }

        return sum;
    }

    /// <summary>Time of final arrival: the last step at which the path is not yet at its final cell, plus one.</summary>
    private static int ArrivalTime(GridCell[] p)
    {
        int t = p.Length - 1;
        while (t > 0 && p[t - 1] == p[^1])
        {
            t--;
        }

        return t;
    }

    private static int ShortestPath(MovingAiMap map, GridCell from, GridCell to, int[] dist, int[] queue)
    {
        int w = map.Width;
        Array.Fill(dist, -1);
        int source = (from.Y * w) + from.X, target = (to.Y * w) + to.X;
        dist[source] = 0;
        queue[0] = source;
        int head = 0, tail = 1;
        while (head < tail)
        {
            int c = queue[head++];
            if (c == target)
            {
                return dist[c];
            }

            int x = c % w, y = c / w;
            Visit(x + 1, y, dist[c]);
            Visit(x - 1, y, dist[c]);
            Visit(x, y + 1, dist[c]);
            Visit(x, y - 1, dist[c]);
        }

        return -1;

        void Visit(int nx, int ny, int d)
        {
            if (map.IsPassable(nx, ny) && dist[(ny * w) + nx] < 0)
            {
                dist[(ny * w) + nx] = d + 1;
                queue[tail++] = (ny * w) + nx;
            }
        }
    }
}
