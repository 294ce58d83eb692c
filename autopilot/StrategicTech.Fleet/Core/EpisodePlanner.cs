using StrategicTech.Fleet.Execution;
using StrategicTech.Fleet.Site;
using StrategicTech.Navigation.Planning.Grid;
using StrategicTech.Navigation.Planning.Mapf;
using StrategicTech.Navigation.Time;

namespace StrategicTech.Fleet.Core;

/// <summary>
/// Plans the moves of the robots taking part in one episode with LaCAM (first solution) on the site graph with
/// the cells of robots that cannot move (lost, paused, stopped) blocked, and builds the action dependency graph.
/// A plan with a rotation (which the graph cannot execute) is re-planned with another seed; when every seed
/// rotates somewhere, the longest rotation-free prefix is planned instead (its robots stop short of their goals and
/// the next episode goes on from there).
/// </summary>
public static class EpisodePlanner
{
    private const int Attempts = 5;

    /// <summary>
    /// Paths in site-graph vertices, one per participant, and their dependency graph; false with the reason when no
    /// executable plan was found. A path may end short of its goal (a rotation-free prefix): the caller checks.
    /// Only the first <paramref name="executedSteps"/> steps are executed (lifelong windows commit a prefix and plan
    /// the rest again), so only they must be free of rotations, and the graph covers only them.
    /// </summary>
    public static bool TryPlan(
        FleetSite site, int[] starts, int[] goals, IReadOnlyCollection<int> blockedVertices, IClock clock, long budgetUs,
        out int[][] paths, out ActionDependencyGraph? graph, out string? problem, int executedSteps = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(starts);
        ArgumentNullException.ThrowIfNull(goals);
        ArgumentNullException.ThrowIfNull(blockedVertices);
        MapfGraph planGraph = site.Graph;
        if (blockedVertices.Count > 0)
        {
            planGraph = site.BuildGraph(WithBlocked(site, blockedVertices));
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
        int bestSteps = 0;
        int[][] bestPaths = [];
        ActionDependencyGraph? bestGraph = null;
        for (int seed = 0; seed < Attempts; seed++)
        {
            MapfResult result = new LacamSolver(instance, seed).Solve(MapfLimits.FirstSolution(clock, budgetUs));
            if (!result.Solved)
            {
                problem = "no collision-free plan within the budget (a goal may be walled in by stopped robots)";
                break;
            }

            int[][] sitePaths = result.Paths.Select(p => p.Select(v => site.Graph.VertexAt(planGraph.CellOf(v))).ToArray()).ToArray();
            if (ActionDependencyGraph.TryBuild(executedSteps == int.MaxValue ? sitePaths : Truncated(sitePaths, executedSteps), out graph, out problem))
            {
                paths = sitePaths;
                return true;
            }

            // A rotation cannot be executed, and the same instance yields the same plans on every later tick: keep
            // the longest rotation-free prefix any seed gives, so the robots move and the next episode starts from
            // a different configuration.
            int steps = LongestExecutablePrefix(sitePaths, out ActionDependencyGraph? prefixGraph);
            if (steps > bestSteps)
            {
                bestSteps = steps;
                bestPaths = [.. sitePaths.Select(p => p[..Math.Min(p.Length, steps + 1)])];
                bestGraph = prefixGraph;
            }
        }

        if (bestGraph is not null)
        {
            paths = bestPaths;
            graph = bestGraph;
            problem = null;
            return true;
        }

        return false;
    }

    /// <summary>
    /// Most time steps of <paramref name="paths"/> whose truncation has an executable dependency graph and moves some
    /// robot (0 when the first step already rotates). A prefix of an executable plan is executable, so this bisects.
    /// </summary>
    private static int LongestExecutablePrefix(int[][] paths, out ActionDependencyGraph? graph)
    {
        graph = null;
        int makespan = paths.Max(p => p.Length) - 1;
        int good = 0, bad = makespan;
        while (bad - good > 1)
        {
            int mid = (good + bad) / 2;
            if (ActionDependencyGraph.TryBuild(Truncated(paths, mid), out _, out _))
            {
                good = mid;
            }
            else
            {
                bad = mid;
            }
        }

        int[][] prefix = Truncated(paths, good);
        if (good == 0 || !prefix.Any(p => p.Distinct().Skip(1).Any()) || !ActionDependencyGraph.TryBuild(prefix, out graph, out _))
        {
            graph = null;
            return 0;
        }

        return good;
    }

    private static int[][] Truncated(int[][] paths, int steps) => [.. paths.Select(p => p[..Math.Min(p.Length, steps + 1)])];

    private static MovingAiMap WithBlocked(FleetSite site, IReadOnlyCollection<int> blockedVertices)
    {
        var blocked = new HashSet<GridCell>(blockedVertices.Select(site.Graph.CellOf));
        return FleetSite.MapWithout(site.Map, (x, y) => blocked.Contains(new GridCell(x, y)), site.MapId + " with stopped robots");
    }
}
