using StrategicTech.Navigation.Planning;
using StrategicTech.Navigation.Planning.Grid;
using StrategicTech.Navigation.Planning.Mapf;
using StrategicTech.TestSupport;

namespace StrategicTech.Navigation.Tests.Planning.Mapf;

/// <summary>A scatter guide kept between builds of the same graph and agent count: no allocation again, the same paths and solutions.</summary>
public sealed class ScatterReuseTests
{
    private const int Margin = 10;

    [Fact]
    public void A_scatter_guide_built_again_for_the_same_100_warehouse_agents_allocates_nothing_and_builds_the_same_paths()
    {
        MapfInstance instance = Warehouse(100);
        var distance = new LazyDistanceTable(instance.Graph, instance.Goals);
        var guide = new ScatterGuide(instance.Graph, instance.AgentCount);
        var random = new ReplayRandom();
        var clock = new ZeroClock();
        random.Restart(7);
        Assert.True(guide.Build(instance, distance, random, Margin, clock, long.MaxValue));
        (int collisions, int rounds, int[] next) = (guide.Collisions, guide.Rounds, NextAtStarts(guide, instance));
        Assert.True(rounds >= 2);

        Allocations.AssertZero(
            () =>
            {
                random.Restart(7);
                guide.Build(instance, distance, random, Margin, clock, long.MaxValue);
            },
            iterations: 1);
        Assert.Equal((collisions, rounds), (guide.Collisions, guide.Rounds));
        Assert.Equal(next, NextAtStarts(guide, instance));
    }

    [Fact]
    public void A_scatter_guide_built_for_other_100_warehouse_agents_allocates_nothing_where_a_fresh_one_allocates_megabytes()
    {
        MapfInstance first = Warehouse(100);
        // The same agents the other way round: same graph and count, other paths.
        var second = new MapfInstance(first.Graph, first.Goals, first.Starts);
        var secondDistance = new LazyDistanceTable(second.Graph, second.Goals);
        // Measure's first call warms the distance table; the measured one is a guide made and built afresh, as every solve did before.
        long freshBytes = Allocations.Measure(() => new ScatterGuide(second.Graph, second.AgentCount).Build(second, secondDistance, new Random(3), Margin, new ZeroClock(), long.MaxValue));

        var guide = new ScatterGuide(first.Graph, first.AgentCount);
        Assert.True(guide.Build(first, new LazyDistanceTable(first.Graph, first.Goals), new Random(3), Margin, new ZeroClock(), long.MaxValue));
        var random = new Random(3);
        var clock = new ZeroClock();
        long before = GC.GetAllocatedBytesForCurrentThread();
        bool built = guide.Build(second, secondDistance, random, Margin, clock, long.MaxValue);
        long reusedBytes = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(built);
        Assert.True(freshBytes > 1_000_000, $"a fresh guide allocated {freshBytes} B"); // measured 5 949 280 B (table, paths, search, next map)
        Assert.Equal(0, reusedBytes);
    }

    [Fact]
    public void A_solver_given_a_guide_that_served_another_300_agent_instance_finds_the_same_first_solution_as_before_the_buffers_were_kept()
    {
        MapfInstance instance = Warehouse(300);
        var other = new MapfInstance(instance.Graph, instance.Goals, instance.Starts);
        var guide = new ScatterGuide(instance.Graph, instance.AgentCount);
        Assert.True(new LacamSolver(other, 5, scatter: guide).Solve(MapfLimits.FirstSolution(new StepClock(), 1_000_000)).Solved);

        MapfResult reused = new LacamSolver(instance, 0, scatter: guide).Solve(MapfLimits.FirstSolution(new StepClock(), 1_000_000));
        MapfResult fresh = new LacamSolver(instance, 0).Solve(MapfLimits.FirstSolution(new StepClock(), 1_000_000));
        Assert.True(reused.Solved);
        Assert.Equal(27_121, reused.SumOfCosts); // as ScatterTests measured with a scatter built afresh per solve, before its buffers were kept
        Assert.Equal(fresh.Paths, reused.Paths);
        Assert.Equal((fresh.ScatterRounds, fresh.ScatterCollisions), (reused.ScatterRounds, reused.ScatterCollisions));
    }

    [Fact]
    public void A_solver_rejects_a_scatter_guide_made_for_another_agent_count()
    {
        MapfInstance instance = Warehouse(10);
        Assert.Throws<ArgumentException>(() => new LacamSolver(instance, 0, scatter: new ScatterGuide(instance.Graph, 11)));
    }

    private static MapfInstance Warehouse(int agents)
    {
        MovingAiMap map = MovingAiMap.Load(SharedData.PathOf("bench", "movingai", "warehouse-10-20-10-2-1.map"));
        string scenPath = SharedData.PathOf("bench", "movingai", "warehouse-10-20-10-2-1-random-1.scen");
        return MapfInstance.FromScenario(MapfGraph.FromMap(map), MovingAiScenario.Load(scenPath), agents, scenPath);
    }

    private static int[] NextAtStarts(ScatterGuide guide, MapfInstance instance) =>
        [.. Enumerable.Range(0, instance.AgentCount).Select(i => guide.NextOf(i, instance.Starts[i]))];

    /// <summary>A clock that never advances: no deadline ever passes, and reading it allocates nothing.</summary>
    private sealed class ZeroClock : StrategicTech.Navigation.Time.IClock
    {
        public long TimeUs => 0;
    }

    /// <summary>A random source that can be put back to a seed without allocating (xorshift32), so a build can be repeated exactly.</summary>
    private sealed class ReplayRandom : Random
    {
        private uint _state = 1;

        public void Restart(int seed) => _state = (uint)seed | 1;

        public override int Next(int minValue, int maxValue)
        {
            _state ^= _state << 13;
            _state ^= _state >> 17;
            _state ^= _state << 5;
            return minValue + (int)(_state % (uint)(maxValue - minValue));
        }
    }
}
