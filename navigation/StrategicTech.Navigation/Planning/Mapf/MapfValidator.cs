using StrategicTech.Navigation.Planning.Grid;

namespace StrategicTech.Navigation.Planning.Mapf;

/// <summary>
/// Checks a MAPF solution independently of any solver, on map cells rather than graph vertices: every path starts
/// at its agent's start and ends at its goal, every cell is passable, every step is a wait or a 4-connected move,
/// and no two agents share a cell at the same time (vertex conflict) or traverse the same edge in opposite
/// directions in one step (swap / edge conflict). An agent whose path has ended stays at its goal.
/// </summary>
public static class MapfValidator
{
    /// <summary>The problems found (empty when the solution is valid), at most <paramref name="maxProblems"/>.</summary>
    public static IReadOnlyList<string> Validate(
        MovingAiMap map, IReadOnlyList<GridCell> starts, IReadOnlyList<GridCell> goals, IReadOnlyList<GridCell[]> paths, int maxProblems = 20)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(starts);
        ArgumentNullException.ThrowIfNull(goals);
        ArgumentNullException.ThrowIfNull(paths);
        var problems = new List<string>();
        if (paths.Count != starts.Count || goals.Count != starts.Count)
        {
            problems.Add($"{starts.Count} starts, {goals.Count} goals, {paths.Count} paths");
            return problems;
        }

        int makespan = 0;
        for (int i = 0; i < paths.Count && problems.Count < maxProblems; i++)
        {
            GridCell[] p = paths[i];
            if (p.Length == 0)
            {
                problems.Add($"agent {i}: empty path");
                continue;
            }

            makespan = Math.Max(makespan, p.Length - 1);
            if (p[0] != starts[i])
            {
                problems.Add($"agent {i}: path starts at {p[0]}, start is {starts[i]}");
            }

            if (p[^1] != goals[i])
            {
                problems.Add($"agent {i}: path ends at {p[^1]}, goal is {goals[i]}");
            }

            for (int t = 0; t < p.Length; t++)
            {
                if (!map.IsPassable(p[t].X, p[t].Y))
                {
                    problems.Add($"agent {i}: t={t} at {p[t]}, which is blocked or outside the map");
                }

                if (t > 0 && Math.Abs(p[t].X - p[t - 1].X) + Math.Abs(p[t].Y - p[t - 1].Y) > 1)
                {
                    problems.Add($"agent {i}: t={t - 1}->{t} jumps from {p[t - 1]} to {p[t]}");
                }
            }
        }

        if (problems.Count > 0)
        {
            return problems;
        }

        var occupant = new Dictionary<GridCell, int>(paths.Count);
        for (int t = 0; t <= makespan && problems.Count < maxProblems; t++)
        {
            occupant.Clear();
            for (int i = 0; i < paths.Count; i++)
            {
                GridCell here = At(paths[i], t);
                if (!occupant.TryAdd(here, i))
                {
                    problems.Add($"vertex conflict: agents {occupant[here]} and {i} at {here}, t={t}");
                }
            }

            if (t == 0)
            {
                continue;
            }

            // Swap: i goes a->b while the agent that was at b goes b->a.
            var previous = new Dictionary<GridCell, int>(paths.Count);
            for (int i = 0; i < paths.Count; i++)
            {
                previous[At(paths[i], t - 1)] = i;
            }

            for (int i = 0; i < paths.Count; i++)
            {
                GridCell a = At(paths[i], t - 1), b = At(paths[i], t);
                if (a != b && previous.TryGetValue(b, out int j) && j != i && At(paths[j], t) == a && i < j)
                {
                    problems.Add($"swap conflict: agents {i} and {j} exchange {a} and {b}, t={t - 1}->{t}");
                }
            }
        }

        return problems;
    }

    private static GridCell At(GridCell[] path, int t) => path[Math.Min(t, path.Length - 1)];
}
