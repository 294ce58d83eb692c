using StrategicTech.Navigation.Planning;
using StrategicTech.Navigation.Planning.Grid;
using StrategicTech.Navigation.Planning.Mapf;
using StrategicTech.TestSupport;
using Xunit;

namespace StrategicTech.Navigation.Tests.Planning.Mapf;

/// <summary>Several PIBT runs per LaCAM successor, keeping the cheapest (<see cref="LacamOptions.PibtRuns"/>).</summary>
public sealed class MonteCarloPibtTests
{
    [Fact]
    public void FourPibtRunsPerSuccessorGiveAValidFirstSolutionOfTheFirst300WarehouseAgentsCheaperThanOneRun()
    {
        MovingAiMap map = MovingAiMap.Load(SharedData.PathOf("bench", "movingai", "warehouse-10-20-10-2-1.map"));
        string scenPath = SharedData.PathOf("bench", "movingai", "warehouse-10-20-10-2-1-random-1.scen");
        MapfInstance instance = MapfInstance.FromScenario(MapfGraph.FromMap(map), MovingAiScenario.Load(scenPath), 300, scenPath);
        MapfResult result = new LacamSolver(instance, 0, new LacamOptions(PibtRuns: 4)).Solve(MapfLimits.FirstSolution(new StepClock(), 1_000_000));
        Assert.True(result.Solved);
        Assert.Empty(MapfValidator.Validate(
            map,
            MapfPaths.ToCells(instance.Graph, instance.Starts),
            MapfPaths.ToCells(instance.Graph, instance.Goals),
            MapfPaths.ToCells(instance.Graph, result.Paths)));

        // One run per successor gives 27 121 (ScatterTests); four give SOC/LB 1.123 as
        // `mapf bench ... --agents 300 --first-only --pibt-runs 4` prints.
        Assert.Equal(26_915, result.SumOfCosts);
    }
}
