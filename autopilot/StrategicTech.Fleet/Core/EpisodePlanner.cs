using System.Text;
using StrategicTech.Fleet.Execution;
using StrategicTech.Fleet.Site;
using StrategicTech.Navigation.Planning.Grid;
using StrategicTech.Navigation.Planning.Mapf;
using StrategicTech.Navigation.Time;

namespace StrategicTech.Fleet.Core;

/// <summary>
/// Plans the moves of the robots taking part in one episode with LaCAM (first solution) on the site graph with
/// the cells of robots that cannot move (lost, paused, stopped) blocked, and builds the action dependency graph.
/// A plan with a rotation (which the graph cannot execute) is re-planned with another seed.
/// </summary>
public static class EpisodePlanner
{
    private const int Attempts = 5;

    /// <summary>Paths in site-graph vertices, one per participant, and their dependency graph; false with the reason when no executable plan was found.</summary>
    public static bool TryPlan(
        FleetSite site, int[] starts, int[] goals, IReadOnlyCollection<int> blockedVertices, IClock clock, long budgetUs,
        out int[][] paths, out ActionDependencyGraph? graph, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(starts);
        ArgumentNullException.ThrowIfNull(goals);
        ArgumentNullException.ThrowIfNull(blockedVertices);
        MapfGraph planGraph = site.Graph;
        if (blockedVertices.Count > 0)
        {
            planGraph = MapfGraph.FromMap(WithBlocked(site, blockedVertices));
        }

        var s = new int[starts.Length];
        var g = new int[goals.Length];
        for (int i = 0; i < starts.Length; i++)
        {
            s[i] = planGraph.VertexAt(site.Graph.CellOf(starts[i]));
            g[i] = planGraph.VertexAt(site.Graph.CellOf(goals[i]));
        }

        paths = [];
        graph = null;
        problem = "no attempt";
        var instance = new MapfInstance(planGraph, s, g);
        for (int seed = 0; seed < Attempts; seed++)
        {
            MapfResult result = new LacamSolver(instance, seed).Solve(MapfLimits.FirstSolution(clock, budgetUs));
            if (!result.Solved)
            {
                problem = "no collision-free plan within the budget (a goal may be walled in by stopped robots)";
                return false;
            }

            int[][] sitePaths = result.Paths.Select(p => p.Select(v => site.Graph.VertexAt(planGraph.CellOf(v))).ToArray()).ToArray();
            if (ActionDependencyGraph.TryBuild(sitePaths, out graph, out problem))
            {
                paths = sitePaths;
                return true;
            }
        }

        return false;
    }

    private static MovingAiMap WithBlocked(FleetSite site, IReadOnlyCollection<int> blockedVertices)
    {
        var blocked = new HashSet<GridCell>(blockedVertices.Select(site.Graph.CellOf));
        MovingAiMap map = site.Map;
        var text = new StringBuilder();
        text.Append("type octile\nheight ").Append(map.Height).Append("\nwidth ").Append(map.Width).Append("\nmap\n");
        for (int y = 0; y < map.Height; y++)
        {
            for (int x = 0; x < map.Width; x++)
            {
                text.Append(map.IsPassable(x, y) && !blocked.Contains(new GridCell(x, y)) ? '.' : '@');
            }

            text.Append('\n');
        }

        return MovingAiMap.Parse(text.ToString(), site.MapId + " with stopped robots");
    }
}
