using BenchmarkDotNet.Attributes;
using StrategicTech.Navigation.Planning.Grid;
using StrategicTech.Navigation.Planning.Mapf;
using StrategicTech.Navigation.Time;

namespace StrategicTech.Benchmarks.Planning;

/// <summary>
/// Time to LaCAM's first solution (distance tables included: each invocation builds a fresh solver) for the first
/// 400 agents of warehouse-10-20-10-2-1-random-1.scen, the Moving AI MAPF benchmark instance of BENCHMARKS.md.
/// </summary>
[MemoryDiagnoser]
public class MapfBenchmarks
{
    private MapfInstance _instance = null!;
    private ScatterGuide _scatter = null!;
    private readonly WallClock _clock = new();

    [Params(400)]
    public int Agents { get; set; } = 400;

    [GlobalSetup]
    public void Setup()
    {
        MovingAiMap map = MovingAiMap.Load(BenchmarkData.MovingAi("warehouse-10-20-10-2-1.map"));
        string scen = BenchmarkData.MovingAi("warehouse-10-20-10-2-1-random-1.scen");
        _instance = MapfInstance.FromScenario(MapfGraph.FromMap(map), MovingAiScenario.Load(scen), Agents, scen);
        _scatter = new ScatterGuide(_instance.Graph, Agents);
    }

    [Benchmark]
    public long LacamFirstSolution()
    {
        MapfResult result = new LacamSolver(_instance).Solve(MapfLimits.FirstSolution(_clock, 60_000_000));
        if (!result.Solved)
        {
            throw new InvalidOperationException("not solved");
        }

        return result.SumOfCosts;
    }

    /// <summary>The same solve with scatter's buffers kept between solves, as a caller solving many instances of one size does.</summary>
    [Benchmark]
    public long LacamFirstSolutionScatterKept()
    {
        MapfResult result = new LacamSolver(_instance, 0, scatter: _scatter).Solve(MapfLimits.FirstSolution(_clock, 60_000_000));
        if (!result.Solved)
        {
            throw new InvalidOperationException("not solved");
        }

        return result.SumOfCosts;
    }
}
