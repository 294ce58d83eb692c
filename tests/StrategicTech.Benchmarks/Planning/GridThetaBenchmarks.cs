using BenchmarkDotNet.Attributes;
using StrategicTech.Navigation.Planning.Grid;

namespace StrategicTech.Benchmarks.Planning;

/// <summary>Lazy Theta* per query on the small shared maps (any-angle; no warthog reference).</summary>
[MemoryDiagnoser]
public class GridThetaBenchmarks
{
    private const int Queries = 128;
    private LazyThetaStarPlanner _planner = null!;
    private ScenarioEntry[] _queries = [];

    [Params("den312d", "warehouse-10-20-10-2-1")]
    public string Map { get; set; } = "den312d";

    [GlobalSetup]
    public void Setup()
    {
        string scen = Map.StartsWith("warehouse", StringComparison.Ordinal) ? Map + "-random-1.scen" : Map + ".map.scen";
        MovingAiMap map = MovingAiMap.Load(BenchmarkData.MovingAi(Map + ".map"));
        ScenarioEntry[] all = [.. MovingAiScenario.Load(BenchmarkData.MovingAi(scen)).Entries];
        // Exactly Queries lines spread evenly over the file, so every bucket (difficulty) is represented.
        _queries = [.. Enumerable.Range(0, Queries).Select(k => all[(int)((long)k * all.Length / Queries)])];
        _planner = new LazyThetaStarPlanner(map.ToSearchGrid());
    }

    [Benchmark(OperationsPerInvoke = Queries)]
    public double Query()
    {
        double total = 0;
        for (int k = 0; k < Queries; k++)
        {
            ScenarioEntry q = _queries[k];
            total += _planner.Plan(q.Start, q.Goal).Cost;
        }

        return total;
    }
}
