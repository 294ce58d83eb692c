using BenchmarkDotNet.Attributes;
using StrategicTech.Benchmarks.Planning;
using StrategicTech.Fleet.Allocation;
using StrategicTech.Navigation.Planning.Grid;
using StrategicTech.Navigation.Planning.Mapf;

namespace StrategicTech.Benchmarks.Fleet;

/// <summary>
/// One allocation round of the fleet manager as it is written (FleetManager.Allocate): for each of the 4·N most urgent
/// pending orders a breadth-first search from its pick-up gives every idle robot's travel time, then the Hungarian
/// method assigns the N idle robots. On the Moving AI warehouse-10-20-10-2-1 map (the MAPF benchmark's site), robots
/// and pick-ups at random free cells (seed 1). Orders allocated per second = N / round time.
/// </summary>
[MemoryDiagnoser]
public class AllocationBenchmarks
{
    private MapfGraph _graph = null!;
    private int[] _robots = [];
    private int[] _pickups = [];

    [Params(50, 200)]
    public int IdleRobots { get; set; } = 50;

    [GlobalSetup]
    public void Setup()
    {
        _graph = MapfGraph.FromMap(MovingAiMap.Load(BenchmarkData.MovingAi("warehouse-10-20-10-2-1.map")));
        var random = new Random(1);
        _robots = [.. Enumerable.Range(0, IdleRobots).Select(_ => random.Next(_graph.VertexCount))];
        _pickups = [.. Enumerable.Range(0, 4 * IdleRobots).Select(_ => random.Next(_graph.VertexCount))];
    }

    [Benchmark]
    public int AllocationRound()
    {
        const double SpeedMps = 1.0, CellM = 1.0;
        var cost = new double[_robots.Length, _pickups.Length];
        for (int o = 0; o < _pickups.Length; o++)
        {
            int[] distance = Distances(_pickups[o]);
            for (int r = 0; r < _robots.Length; r++)
            {
                int d = distance[_robots[r]];
                cost[r, o] = d < 0 ? 1e9 : d * CellM / SpeedMps;
            }
        }

        return HungarianAssignment.Solve(cost).Count(o => o >= 0);
    }

    private int[] Distances(int from)
    {
        var d = new int[_graph.VertexCount];
        Array.Fill(d, -1);
        var queue = new Queue<int>();
        d[from] = 0;
        queue.Enqueue(from);
        while (queue.Count > 0)
        {
            int v = queue.Dequeue();
            foreach (int w in _graph.Neighbors(v))
            {
                if (d[w] < 0)
                {
                    d[w] = d[v] + 1;
                    queue.Enqueue(w);
                }
            }
        }

        return d;
    }
}
