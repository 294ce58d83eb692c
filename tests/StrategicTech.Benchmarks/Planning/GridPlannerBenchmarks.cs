using BenchmarkDotNet.Attributes;
using StrategicTech.Navigation.Planning.Grid;

namespace StrategicTech.Benchmarks.Planning;

/// <summary>
/// Time per grid query on the shared Moving AI maps, for A* and JPS (warthog C++ -O3 on this machine is the
/// reference; see BENCHMARKS.md). Each invocation runs a fixed, bucket-stratified sample of the scenario file
/// (256 lines spread evenly over the file), so the reported mean is per query. MemoryDiagnoser proves 0 B per query.
/// </summary>
[MemoryDiagnoser]
public class GridPlannerBenchmarks
{
    private const int MaxQueries = 256;
    private GridPlanner _planner = null!;
    private ScenarioEntry[] _queries = [];

    [Params("den312d", "brc202d", "random512-10-0", "32room_000")]
    public string Map { get; set; } = "den312d";

    [Params("astar", "jps")]
    public string Algorithm { get; set; } = "astar";

    [GlobalSetup]
    public void Setup()
    {
        MovingAiMap map = MovingAiMap.Load(BenchmarkData.MovingAi(Map + ".map"));
        ScenarioEntry[] all = [.. MovingAiScenario.Load(BenchmarkData.MovingAi(Map + ".map.scen")).Entries];
        // Exactly MaxQueries lines spread evenly over the file, so every bucket (difficulty) is represented.
        _queries = [.. Enumerable.Range(0, MaxQueries).Select(k => all[(int)((long)k * all.Length / MaxQueries)])];
        SearchGrid grid = map.ToSearchGrid();
        _planner = Algorithm == "jps" ? new JumpPointPlanner(grid) : new AStarPlanner(grid);
        long expansions = 0;
        foreach (ScenarioEntry q in _queries)
        {
            GridPlanResult r = _planner.Plan(q.Start, q.Goal);
            // To the precision the .scen file prints the length, as 'autonomy plan bench' checks it.
            if (!r.Succeeded || !q.AcceptsCost(r.Cost))
            {
                throw new InvalidOperationException($"{Map}:{q.Line} expected {q.OptimalLength}, got {r.Status} {r.Cost}");
            }

            expansions += r.Expansions;
        }

        Console.WriteLine($"// {Map} {Algorithm}: {_queries.Length} queries, {(double)expansions / _queries.Length:F1} expansions per query");
    }

    [Benchmark(OperationsPerInvoke = MaxQueries)]
    public double Query()
    {
        double total = 0;
        ScenarioEntry[] queries = _queries;
        for (int k = 0; k < MaxQueries; k++)
        {
            ScenarioEntry q = queries[k];
            total += _planner.Plan(q.Start, q.Goal).Cost;
        }

        return total;
    }
}
