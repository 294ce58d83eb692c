using FsCheck.Xunit;
using StrategicTech.Navigation.Planning;
using StrategicTech.Navigation.Planning.Grid;
using StrategicTech.Navigation.Planning.Mapf;
using StrategicTech.TestSupport;
using Xunit;

namespace StrategicTech.Navigation.Tests.Planning.Mapf;

/// <summary>The large-neighbourhood-search refinement after LaCAM's first solution.</summary>
public sealed class LnsRefinementTests
{
    private static GridCell C(int x, int y) => new(x, y);

    private static IReadOnlyList<string> Check(MovingAiMap map, MapfInstance instance, MapfResult result) =>
        MapfValidator.Validate(
            map,
            MapfPaths.ToCells(instance.Graph, instance.Starts),
            MapfPaths.ToCells(instance.Graph, instance.Goals),
            MapfPaths.ToCells(instance.Graph, result.Paths));

    [Fact]
    public void RefiningTheFirst100WarehouseAgentsKeepsTheSolutionValidAndLowersSocOverLbFrom1Point31ToBelow1Point02()
    {
        MovingAiMap map = MovingAiMap.Load(SharedData.PathOf("bench", "movingai", "warehouse-10-20-10-2-1.map"));
        string scenPath = SharedData.PathOf("bench", "movingai", "warehouse-10-20-10-2-1-random-1.scen");
        MapfInstance instance = MapfInstance.FromScenario(MapfGraph.FromMap(map), MovingAiScenario.Load(scenPath), 100, scenPath);
        long lowerBound = MapfMetrics.LowerBound(map, MapfPaths.ToCells(instance.Graph, instance.Starts), MapfPaths.ToCells(instance.Graph, instance.Goals));

        // The step clock turns the budget into a deterministic count of clock reads: LaCAM reads it once per
        // high-level iteration and the refinement once per neighbourhood.
        MapfResult result = new LacamSolver(instance, 0, LacamOptions.NoScatter).Solve(MapfLimits.Anytime(new StepClock(), 600));
        Assert.True(result.Solved);
        Assert.Empty(Check(map, instance, result));
        Assert.True(result.RefineIterations > 0);
        Assert.Equal(11_793, result.FirstSolutionSumOfCosts); // LaCAM's first solution, SOC/LB 1.312 (as mapf bench prints)
        Assert.InRange((double)result.SumOfCosts / lowerBound, 1.0, 1.005); // measured 1.0029; bound 1 + 1.5 x 0.0029
    }

    [Fact]
    public void AnAgentWhoseGoalAnotherMustCrossLaterArrivesOnlyAfterTheCrossing()
    {
        // Agent 1's goal (2,0) lies on agent 0's way from (0,0) to (4,0); agent 1 is beside it at (2,1) and the
        // bays below the corridor let it step aside, so the optimum lets agent 0 pass first.
        MovingAiMap map = MapfTestInstances.Map(".....", "@@.@@");
        MapfInstance instance = MapfTestInstances.Instance(map, [C(0, 0), C(2, 1)], [C(4, 0), C(2, 0)]);
        MapfResult result = new LacamSolver(instance).Solve(MapfLimits.Anytime(new StepClock(), 100_000));
        Assert.True(result.Solved);
        Assert.Empty(Check(map, instance, result));
        Assert.Equal(4 + 3, result.SumOfCosts); // agent 0 walks 4 steps; agent 1 waits two and enters at t=3
    }

    /// <summary>Random 6x6..9x9 grids with 4..12 agents: more agents than the exact solver handles, so the check is validity and monotonicity.</summary>
    [Property(MaxTest = 100)]
    public void OnRandomCrowdedGridsTheRefinedSolutionIsValidAndNeverWorseThanTheFirst(int seed)
    {
        var random = new Random(seed);
        int w = random.Next(6, 10), h = random.Next(6, 10);
        var rows = new string[h];
        for (int y = 0; y < h; y++)
        {
            rows[y] = new string(Enumerable.Range(0, w).Select(_ => random.NextDouble() < 0.15 ? '@' : '.').ToArray());
        }

        MovingAiMap map = MapfTestInstances.Map(rows);
        MapfGraph graph = MapfGraph.FromMap(map);
        int agents = Math.Min(random.Next(4, 13), graph.VertexCount / 2);
        int[] starts = [.. Enumerable.Range(0, graph.VertexCount).OrderBy(_ => random.Next()).Take(agents)];
        int[] goals = [.. Enumerable.Range(0, graph.VertexCount).OrderBy(_ => random.Next()).Take(agents)];
        var instance = new MapfInstance(graph, starts, goals);
        MapfResult first = new LacamSolver(instance, seed).Solve(MapfLimits.FirstSolution(new StepClock(), 200_000));
        MapfResult refined = new LacamSolver(instance, seed).Solve(MapfLimits.Anytime(new StepClock(), 200_000));
        Assert.Equal(first.Solved, refined.Solved);
        if (!refined.Solved)
        {
            return;
        }

        Assert.Empty(Check(map, instance, refined));
        Assert.Equal(first.SumOfCosts, refined.FirstSolutionSumOfCosts);
        Assert.InRange(refined.SumOfCosts, 0, refined.FirstSolutionSumOfCosts);
    }
}
