namespace StrategicTech.Navigation.Planning.Mapf;

/// <summary>
/// LaCAM (Okumura, AAAI 2023): a depth-first search over configurations where each high-level node lazily
/// enumerates constraints ("agent i goes to v next") breadth-first, and PIBT turns each constraint set into one
/// successor configuration. This finds a first solution quickly and is complete (an exhausted search proves there is
/// none). Before the search, scatter (<see cref="ScatterGuide"/>, on by default) gives PIBT a preferred next vertex
/// per agent that spreads agents off each other's shortest routes, which lowers the first solution's sum-of-costs
/// (warehouse, N = 800: SOC/LB 2.69 to 1.68). In anytime mode the first solution is then refined until the budget
/// ends by large neighbourhood search (<see cref="LnsRefiner"/>; lacam3 runs a similar refiner only in its
/// multi-threaded mode). LaCAM*'s own improvement (rewiring when a known configuration is reached again by a
/// cheaper way) was dropped: with hundreds of agents the search practically never meets the same whole
/// configuration twice, so it never lowered the cost.
/// Not a real-time path: it allocates per node.
/// </summary>
public sealed class LacamSolver
{
    private readonly MapfInstance _instance;
    private readonly LazyDistanceTable _distance;
    private readonly Random _random;
    private readonly PibtGenerator _pibt;
    private readonly int _agents;
    private readonly LacamOptions _options;
    private ScatterGuide? _scatterBuffers;

    /// <param name="scatter">Scatter buffers to reuse (kept by a caller that solves many instances of the same size); null: made on first use.</param>
    public LacamSolver(MapfInstance instance, int seed = 0, LacamOptions? options = null, ScatterGuide? scatter = null)
    {
        _options = options ?? LacamOptions.Default;
        if (instance?.Graph.IsWeighted == true)
        {
            _options = _options with { ScatterMargin = -1 }; // scatter bounds paths in steps, a weighted graph's distances are costs
        }

        ArgumentNullException.ThrowIfNull(instance);
        _instance = instance;
        _agents = instance.AgentCount;
        _distance = new LazyDistanceTable(instance.Graph, instance.Goals);
        _random = new Random(seed);
        _pibt = new PibtGenerator(instance.Graph, _distance, instance.Goals, _random);
        if (scatter is not null && !scatter.Fits(instance))
        {
            throw new ArgumentException($"the scatter guide was made for another graph size or agent count than this instance's {instance.AgentCount} agents", nameof(scatter));
        }

        _scatterBuffers = scatter;
    }

    /// <summary>The scatter guide of the last solve, or null when scatter was off or skipped.</summary>
    internal ScatterGuide? Scatter { get; private set; }

    public MapfResult Solve(MapfLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits.Clock);
        long t0 = limits.Clock.TimeUs;
        long deadline = t0 + limits.TimeBudgetUs;
        for (int i = 0; i < _agents; i++)
        {
            if (_distance.Get(i, _instance.Starts[i]) >= _distance.Unreachable)
            {
                return Unsolved(limits, t0, 0, true); // a goal unreachable from its start: no solution exists
            }
        }

        long scatterUs = -1;
        if (_options.ScatterMargin >= 0)
        {
            long scatterDeadline = t0 + (long)(limits.TimeBudgetUs * _options.ScatterTimeShare);
            _scatterBuffers ??= new ScatterGuide(_instance.Graph, _agents);
            Scatter = _scatterBuffers.Build(_instance, _distance, _random, _options.ScatterMargin, limits.Clock, scatterDeadline) ? _scatterBuffers : null;
            _pibt.Guide = Scatter;
            scatterUs = Scatter is null ? -1 : limits.Clock.TimeUs - t0;
        }

        var explored = new Dictionary<int[], HighLevelNode>(ConfigComparer.Instance);
        var open = new Stack<HighLevelNode>();
        HighLevelNode start = CreateStart();
        explored.Add(start.Config, start);
        open.Push(start);
        HighLevelNode? goal = null;
        var next = new int[_agents];
        var trial = new int[_agents];
        var successorVertices = new int[5];

        while (open.Count > 0)
        {
            if (limits.Clock.TimeUs >= deadline || limits.Cancellation.IsCancellationRequested)
            {
                break;
            }

            HighLevelNode node = open.Peek();
            if (node.CostToGo == 0)
            {
                goal = node;
                break;
            }

            if (node.Constraints.Count == 0)
            {
                open.Pop();
                continue;
            }

            LowLevelNode constraint = node.Constraints.Dequeue();
            if (constraint.Depth < _agents)
            {
                ExpandConstraint(node, constraint, successorVertices);
            }

            if (!GenerateBest(node.Config, constraint, node.Order, next, trial))
            {
                continue;
            }

            if (explored.TryGetValue(next, out HighLevelNode? known))
            {
                open.Push(known); // LaCAM re-inserts a known configuration so its remaining constraints get tried
                continue;
            }

            HighLevelNode child = CreateChild(node, (int[])next.Clone());
            explored.Add(child.Config, child);
            open.Push(child);
        }

        if (goal is null)
        {
            // An empty open stack means every configuration reachable from the start was tried: no solution exists.
            return Unsolved(limits, t0, explored.Count, open.Count == 0);
        }

        long firstUs = limits.Clock.TimeUs - t0;
        int[][] paths = Extract(goal);
        long firstSoc = SumOfCosts(paths);
        (int iterations, int accepted) = (0, 0);
        int nodes = explored.Count;
        if (!limits.StopAtFirstSolution)
        {
            explored.Clear(); // LaCAM's configurations are no longer needed; let the refinement have the memory
            (iterations, accepted) = new LnsRefiner(_instance.Graph, _instance.Starts, _instance.Goals, _distance, _random).Refine(paths, limits, deadline);
        }

        return new MapfResult(true, paths, firstUs, firstSoc, limits.Clock.TimeUs - t0, false, nodes, iterations, accepted, scatterUs, Scatter?.Rounds ?? 0, Scatter?.Collisions ?? 0);
    }

    /// <summary>
    /// Runs PIBT <see cref="LacamOptions.PibtRuns"/> times (random tie-breaks differ between runs) and keeps in
    /// <paramref name="next"/> the successor with the least step cost plus distance to go; false when every run failed.
    /// </summary>
    private bool GenerateBest(int[] from, LowLevelNode constraint, int[] order, int[] next, int[] trial)
    {
        int runs = Math.Max(1, _options.PibtRuns);
        if (runs == 1)
        {
            return _pibt.Generate(from, constraint, order, next);
        }

        long best = long.MaxValue;
        int[] goals = _instance.Goals;
        for (int r = 0; r < runs; r++)
        {
            if (!_pibt.Generate(from, constraint, order, trial))
            {
                continue;
            }

            long f = 0;
            for (int i = 0; i < _agents; i++)
            {
                int v = trial[i];
                f += _distance.Get(i, v) + (from[i] == goals[i] && v == goals[i] ? 0 : 1);
            }

            if (f < best)
            {
                best = f;
                trial.AsSpan().CopyTo(next);
            }
        }

        return best < long.MaxValue;
    }

    private static MapfResult Unsolved(MapfLimits limits, long t0, int nodes, bool exhausted) =>
        new(false, [], -1, -1, limits.Clock.TimeUs - t0, exhausted, nodes);

    private HighLevelNode CreateStart()
    {
        int[] config = (int[])_instance.Starts.Clone();
        var priorities = new float[_agents];
        long h = 0;
        for (int i = 0; i < _agents; i++)
        {
            int d = _distance.Get(i, config[i]);
            h += d;
            priorities[i] = (float)d / _agents; // initial order: farthest first, below any whole step of waiting
        }

        return new HighLevelNode(config, null, h, priorities, OrderOf(priorities));
    }

    private HighLevelNode CreateChild(HighLevelNode parent, int[] config)
    {
        var priorities = new float[_agents];
        long h = 0;
        int[] goals = _instance.Goals;
        for (int i = 0; i < _agents; i++)
        {
            float p = parent.Priorities[i];
            // An agent away from its goal gains priority each step; one at its goal keeps only the fractional part.
            priorities[i] = config[i] != goals[i] ? p + 1 : p - MathF.Floor(p);
            h += _distance.Get(i, config[i]);
        }

        return new HighLevelNode(config, parent, h, priorities, OrderOf(priorities));
    }

    private static int[] OrderOf(float[] priorities)
    {
        int n = priorities.Length;
        var order = new int[n];
        var keys = new float[n];
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
            keys[i] = -priorities[i];
        }

        Array.Sort(keys, order);
        return order;
    }

    /// <summary>Adds the next layer of constraints under <paramref name="constraint"/>, in random order.</summary>
    private void ExpandConstraint(HighLevelNode node, LowLevelNode constraint, int[] vertices)
    {
        int i = node.Order[constraint.Depth];
        int here = node.Config[i];
        ReadOnlySpan<int> neighbors = _instance.Graph.Neighbors(here);
        int count = neighbors.Length + 1;
        neighbors.CopyTo(vertices);
        vertices[neighbors.Length] = here;
        _random.Shuffle(vertices.AsSpan(0, count));
        for (int k = 0; k < count; k++)
        {
            node.Constraints.Enqueue(new LowLevelNode(constraint, i, vertices[k], constraint.Depth + 1));
        }
    }

    private static long SumOfCosts(int[][] paths)
    {
        long soc = 0;
        foreach (int[] p in paths)
        {
            soc += p.Length - 1;
        }

        return soc;
    }

    /// <summary>Per-agent vertex sequences from the start to the final arrival at the goal.</summary>
    private int[][] Extract(HighLevelNode goal)
    {
        var configs = new List<int[]>();
        for (HighLevelNode? n = goal; n is not null; n = n.Parent)
        {
            configs.Add(n.Config);
        }

        configs.Reverse();
        int[] goals = _instance.Goals;
        var paths = new int[_agents][];
        for (int i = 0; i < _agents; i++)
        {
            int last = configs.Count - 1;
            while (last > 0 && configs[last - 1][i] == goals[i])
            {
                last--;
            }

            var path = new int[last + 1];
            for (int t = 0; t <= last; t++)
            {
                path[t] = configs[t][i];
            }

            paths[i] = path;
        }

        return paths;
    }
}
