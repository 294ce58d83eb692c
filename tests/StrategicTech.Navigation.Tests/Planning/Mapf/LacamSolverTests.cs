using StrategicTech.Navigation.Planning;
using StrategicTech.Navigation.Planning.Grid;
using StrategicTech.Navigation.Planning.Mapf;
using StrategicTech.TestSupport;
using Xunit;

namespace StrategicTech.Navigation.Tests.Planning.Mapf;

public sealed class LacamSolverTests
{
    private const long GenerousBudgetUs = 50_000_000; // deterministic step clock: 50 M reads, never reached on these instances

    private static GridCell C(int x, int y) => new(x, y);

    private static IReadOnlyList<string> Check(MovingAiMap map, MapfInstance instance, MapfResult result) =>
        MapfValidator.Validate(
            map,
            MapfPaths.ToCells(instance.Graph, instance.Starts),
            MapfPaths.ToCells(instance.Graph, instance.Goals),
            MapfPaths.ToCells(instance.Graph, result.Paths));

    [Fact]
    public void TwoAgentsPassEachOtherInACorridorThroughASidePocket()
    {
        MovingAiMap map = MapfTestInstances.Map(".....", "@@.@@");
        MapfInstance instance = MapfTestInstances.Instance(map, [C(0, 0), C(4, 0)], [C(4, 0), C(0, 0)]);
        MapfResult result = new LacamSolver(instance).Solve(MapfLimits.FirstSolution(new StepClock(), GenerousBudgetUs));
        Assert.True(result.Solved);
        Assert.Empty(Check(map, instance, result));
    }

    [Fact]
    public void ASwapInADeadEndCorridorIsReportedUnsolvedWithTheSearchExhausted()
    {
        MovingAiMap map = MapfTestInstances.Map("...");
        MapfInstance instance = MapfTestInstances.Instance(map, [C(0, 0), C(1, 0)], [C(1, 0), C(0, 0)]);
        MapfResult result = new LacamSolver(instance).Solve(MapfLimits.Anytime(new StepClock(), GenerousBudgetUs));
        Assert.False(result.Solved);
        Assert.Empty(result.Paths);
    }

    [Fact]
    public void AnUnreachableGoalIsUnsolvedAtOnce()
    {
        MovingAiMap map = MapfTestInstances.Map(".@.");
        MapfInstance instance = MapfTestInstances.Instance(map, [C(0, 0)], [C(2, 0)]);
        MapfResult result = new LacamSolver(instance).Solve(MapfLimits.Anytime(new StepClock(), GenerousBudgetUs));
        Assert.False(result.Solved);
        Assert.Equal(0, result.HighLevelNodes);
    }

    [Fact]
    public void SolvesTheFirst100AgentsOfTheWarehouseBenchmarkWithAValidSolutionAtOrAboveTheLowerBound()
    {
        MovingAiMap map = MovingAiMap.Load(SharedData.PathOf("bench", "movingai", "warehouse-10-20-10-2-1.map"));
        string scenPath = SharedData.PathOf("bench", "movingai", "warehouse-10-20-10-2-1-random-1.scen");
        MapfInstance instance = MapfInstance.FromScenario(MapfGraph.FromMap(map), MovingAiScenario.Load(scenPath), 100, scenPath);
        MapfResult result = new LacamSolver(instance).Solve(MapfLimits.FirstSolution(new StepClock(), GenerousBudgetUs));
        Assert.True(result.Solved);
        Assert.Empty(Check(map, instance, result));
        GridCell[][] cells = MapfPaths.ToCells(instance.Graph, result.Paths);
        long lowerBound = MapfMetrics.LowerBound(map, MapfPaths.ToCells(instance.Graph, instance.Starts), MapfPaths.ToCells(instance.Graph, instance.Goals));
        Assert.Equal(8991, lowerBound); // sum of the scenario's 4-connected shortest paths (also printed by mapf bench)
        Assert.Equal(result.SumOfCosts, MapfMetrics.SumOfCosts(cells));
        Assert.InRange(result.SumOfCosts, lowerBound, long.MaxValue);
    }

    [Fact]
    public void AScenarioLineWithABlockedStartIsRejectedNamingTheLine()
    {
        MovingAiMap map = MapfTestInstances.Map("..", "@.");
        MovingAiScenario scen = MovingAiScenario.Parse("version 1\n0\tt.map\t2\t2\t0\t1\t1\t1\t1\n", "t.scen");
        MapFormatException e = Assert.Throws<MapFormatException>(() => MapfInstance.FromScenario(MapfGraph.FromMap(map), scen, 1, "t.scen"));
        Assert.Contains("t.scen", e.Message, StringComparison.Ordinal);
        Assert.Contains("start", e.Message, StringComparison.Ordinal);
    }
}
