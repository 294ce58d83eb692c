using StrategicTech.Navigation.Planning.Grid;
using StrategicTech.Navigation.Planning.Mapf;
using Xunit;

namespace StrategicTech.Navigation.Tests.Planning.Mapf;

/// <summary>LaCAM on graphs built with an arc rule: one-way arcs are never driven against, and weighted arcs steer the route.</summary>
public sealed class DirectedWeightedGraphTests
{
    private const long GenerousBudgetUs = 50_000_000; // deterministic step clock, never reached on these instances

    private static GridCell C(int x, int y) => new(x, y);

    /// <summary>A ring of 12 cells round a 2 × 2 block.</summary>
    private static readonly MovingAiMap Ring = MapfTestInstances.Map("....", ".@@.", ".@@.", "....");

    /// <summary>Clockwise on screen (x right, y down): east along the top, south on the right, west along the bottom, north on the left.</summary>
    private static double Clockwise(GridCell a, GridCell b)
    {
        int dx = b.X - a.X, dy = b.Y - a.Y;
        bool ok = (a.Y == 0 && dx == 1) || (a.X == 3 && dy == 1) || (a.Y == 3 && dx == -1) || (a.X == 0 && dy == -1);
        return ok ? 1 : double.PositiveInfinity;
    }

    private static MapfResult Solve(MapfGraph graph, GridCell[] starts, GridCell[] goals, int seed = 0)
    {
        var instance = new MapfInstance(graph, Array.ConvertAll(starts, graph.VertexAt), Array.ConvertAll(goals, graph.VertexAt));
        MapfResult result = new LacamSolver(instance, seed).Solve(MapfLimits.FirstSolution(new StepClock(), GenerousBudgetUs));
        Assert.True(result.Solved);
        Assert.Empty(MapfValidator.Validate(Ring, starts, goals, MapfPaths.ToCells(graph, result.Paths)));
        return result;
    }

    [Fact]
    public void On_a_one_way_ring_agents_whose_goals_lie_just_behind_them_go_the_long_way_round_and_no_move_is_against_an_arc()
    {
        MapfGraph graph = MapfGraph.FromMap(Ring, Clockwise);
        Assert.True(graph.IsDirected);
        Assert.False(graph.IsWeighted);

        // Each goal is one cell counter-clockwise of its start: 11 moves clockwise instead of 1 back.
        GridCell[] starts = [C(1, 0), C(3, 1), C(2, 3)];
        GridCell[] goals = [C(0, 0), C(3, 0), C(3, 3)];
        for (int seed = 0; seed < 5; seed++)
        {
            MapfResult result = Solve(graph, starts, goals, seed);
            foreach (int[] path in result.Paths)
            {
                for (int t = 1; t < path.Length; t++)
                {
                    Assert.True(path[t] == path[t - 1] || graph.HasArc(path[t - 1], path[t]), $"seed {seed}: {graph.CellOf(path[t - 1])} -> {graph.CellOf(path[t])} is against the ring");
                }

                Assert.True(path.Length - 1 >= 11, $"seed {seed}: {path.Length - 1} steps, the way round is 11");
            }
        }
    }

    [Fact]
    public void A_dear_top_row_sends_an_agent_round_the_bottom_and_a_cheap_one_keeps_it_on_top()
    {
        // From the top-left to the top-right corner: 3 moves along the top, 9 round the bottom.
        MapfGraph Dear(double topFactor) => MapfGraph.FromMap(Ring, (a, b) => a.Y == 0 && b.Y == 0 ? topFactor : 1);

        MapfGraph plain = Dear(1);
        Assert.False(plain.IsWeighted);
        Assert.Equal(4, Solve(plain, [C(0, 0)], [C(3, 0)]).Paths[0].Length);

        // Three top moves at 4 each (12) outweigh 9 plain ones below.
        int[] round = Solve(Dear(4), [C(0, 0)], [C(3, 0)]).Paths[0];
        Assert.Equal(10, round.Length);
        Assert.Contains(Dear(4).VertexAt(1, 3), round);

        // At 2 each (6) the top is still cheaper than 9.
        Assert.Equal(4, Solve(Dear(2), [C(0, 0)], [C(3, 0)]).Paths[0].Length);
    }
}
