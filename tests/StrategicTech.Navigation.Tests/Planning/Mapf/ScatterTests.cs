using StrategicTech.Navigation.Planning;
using StrategicTech.Navigation.Planning.Grid;
using StrategicTech.Navigation.Planning.Mapf;
using StrategicTech.TestSupport;
using Xunit;

namespace StrategicTech.Navigation.Tests.Planning.Mapf;

/// <summary>Scatter paths guiding PIBT (Engineering LaCAM*) and their collision table.</summary>
public sealed class ScatterTests
{
    private static GridCell C(int x, int y) => new(x, y);

    [Fact]
    public void CollisionTableCountsASwapAVertexAndAGoalCollisionAndForgetsThemWhenCleared()
    {
        // Vertices of a 1 x 5 corridor are 0..4 from west to east.
        var paths = new int[3][];
        var table = new ScatterCollisionTable(5, 5, 15);
        paths[0] = [0, 1, 2];
        table.Enroll(0, paths[0]);
        Assert.Equal(0, table.Collisions);
        paths[1] = [3, 2, 1];
        table.Enroll(1, paths[1]); // swaps with agent 0 over the edge 1-2 between t=1 and t=2
        Assert.Equal(1, table.Collisions);
        paths[2] = [4, 3, 2, 1, 0];
        table.Enroll(2, paths[2]); // on 2 at t=2 with agent 0 (vertex); on 1 at t=3 where agent 1 rests since t=2 (goal)
        Assert.Equal(3, table.Collisions);
        Assert.Equal(2, table.MoveCost(1, 2, 2)); // 1 -> 2 at t=2..3: agent 0 rests on 2 since t=2, and agent 2 moves 2 -> 1 then (swap)
        table.Clear(1, paths[1]);
        Assert.Equal(1, table.Collisions);
        table.Clear(2, paths[2]);
        Assert.Equal(0, table.Collisions);
    }

    [Fact]
    public void TwoAgentsHeadOnInAnOpenAreaGetCollisionFreeScatterPathsWithinTheMargin()
    {
        // Head-on along the middle row of a 3 x 6 area: one of them must leave the row (2 extra steps) to avoid the other.
        MovingAiMap map = MapfTestInstances.Map("......", "......", "......");
        MapfInstance instance = MapfTestInstances.Instance(map, [C(0, 1), C(5, 1)], [C(5, 1), C(0, 1)]);
        MapfResult withMargin = new LacamSolver(instance, 1, new LacamOptions(2)).Solve(MapfLimits.FirstSolution(new StepClock(), 10_000));
        MapfResult shortestOnly = new LacamSolver(instance, 1, new LacamOptions(0)).Solve(MapfLimits.FirstSolution(new StepClock(), 10_000));
        Assert.True(withMargin.Solved);
        Assert.Empty(Check(map, instance, withMargin));
        Assert.True(withMargin.ScatterRounds >= 1);
        Assert.Equal(0, withMargin.ScatterCollisions);
        Assert.True(shortestOnly.ScatterCollisions > 0); // shortest paths in a 3-row area: any pair of them meets
    }

    [Fact]
    public void ScatterLowersTheFirstSolutionSocOfTheFirst300WarehouseAgentsAndTheSolutionStaysValid()
    {
        MovingAiMap map = MovingAiMap.Load(SharedData.PathOf("bench", "movingai", "warehouse-10-20-10-2-1.map"));
        string scenPath = SharedData.PathOf("bench", "movingai", "warehouse-10-20-10-2-1-random-1.scen");
        MapfInstance instance = MapfInstance.FromScenario(MapfGraph.FromMap(map), MovingAiScenario.Load(scenPath), 300, scenPath);
        long lowerBound = MapfMetrics.LowerBound(map, MapfPaths.ToCells(instance.Graph, instance.Starts), MapfPaths.ToCells(instance.Graph, instance.Goals));

        // Step clock: a deterministic budget of clock reads (scatter reads it once per agent replanned).
        MapfResult plain = new LacamSolver(instance, 0, LacamOptions.NoScatter).Solve(MapfLimits.FirstSolution(new StepClock(), 1_000_000));
        MapfResult scattered = new LacamSolver(instance, 0).Solve(MapfLimits.FirstSolution(new StepClock(), 1_000_000));
        Assert.True(plain.Solved);
        Assert.True(scattered.Solved);
        Assert.Empty(Check(map, instance, plain));
        Assert.Empty(Check(map, instance, scattered));
        Assert.Equal(-1, plain.ScatterUs);
        Assert.True(scattered.ScatterRounds >= 2);
        Assert.Equal(23_971, lowerBound);
        Assert.Equal(41_179, plain.SumOfCosts); // SOC/LB 1.718, as `mapf bench ... --agents 300 --first-only --scatter-margin -1` prints
        Assert.Equal(27_121, scattered.SumOfCosts); // SOC/LB 1.131, as `mapf bench ... --agents 300 --first-only` prints
    }

    private static IReadOnlyList<string> Check(MovingAiMap map, MapfInstance instance, MapfResult result) =>
        MapfValidator.Validate(
            map,
            MapfPaths.ToCells(instance.Graph, instance.Starts),
            MapfPaths.ToCells(instance.Graph, instance.Goals),
            MapfPaths.ToCells(instance.Graph, result.Paths));
}
