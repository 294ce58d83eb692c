namespace StrategicTech.Navigation.Planning.Mapf;

/// <summary>
/// LaCAM (Okumura, AAAI 2023) with the LaCAM* refinement (Okumura, IJCAI 2023): a depth-first search over
/// configurations where each high-level node lazily enumerates constraints ("agent i goes to v next") breadth-first,
/// and PIBT turns each constraint set into one successor configuration. This finds a first solution quickly and is
/// complete. After that the search continues as LaCAM*: nodes whose cost so far plus the admissible estimate cannot
/// beat the best solution are dropped, and when a known configuration is reached again its costs are rewired
/// Dijkstra-style through the recorded successor edges, so the solution's sum-of-costs only decreases, towards the
/// optimum of LaCAM*'s objective (agent-steps away from the goal) when the budget allows. Not a real-time path: it allocates per node.
/// </summary>
public sealed class LacamSolver
{
    private readonly MapfInstance _instance;
    private readonly LazyDistanceTable _distance;
    private readonly Random _random;
    private readonly PibtGenerator _pibt;
    private readonly int _agents;

    public LacamSolver(MapfInstance instance, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(instance);
        _instance = instance;
        _agents = instance.AgentCount;
        _distance = new LazyDistanceTable(instance.Graph, instance.Goals);
        _random = new Random(seed);
        _pibt = new PibtGenerator(instance.Graph, _distance, instance.Goals, _random);
    }

    public MapfResult Solve(MapfLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits.Clock);
        long t0 = limits.Clock.TimeUs;
        long deadline = t0 + limits.TimeBudgetUs;
        for (int i = 0; i < _agents; i++)
        {
            if (_distance.Get(i, _instance.Starts[i]) >= _distance.Unreachable)
            {
                return Unsolved(limits, t0, 0); // a goal unreachable from its start: no solution exists
            }
        }

        var explored = new Dictionary<int[], HighLevelNode>(ConfigComparer.Instance);
        var open = new Stack<HighLevelNode>();
        HighLevelNode start = CreateStart();
        explored.Add(start.Config, start);
        open.Push(start);
        HighLevelNode? goal = null;
        long firstUs = -1, firstSoc = -1;
        int[][]? firstPaths = null;
        var next = new int[_agents];
        var successorVertices = new int[5];
        var rewireQueue = new Queue<HighLevelNode>();

        while (open.Count > 0)
        {
            if (limits.Clock.TimeUs >= deadline || limits.Cancellation.IsCancellationRequested)
            {
                break;
            }

            HighLevelNode node = open.Peek();
            if (goal is null && node.CostToGo == 0)
            {
                goal = node;
                firstUs = limits.Clock.TimeUs - t0;
                firstPaths = Extract(node);
                firstSoc = SumOfCosts(firstPaths);
                if (limits.StopAtFirstSolution)
                {
                    break;
                }
            }

            if ((goal is not null && node.Estimate >= goal.CostSoFar) || node.Constraints.Count == 0)
            {
                open.Pop();
                continue;
            }

            LowLevelNode constraint = node.Constraints.Dequeue();
            if (constraint.Depth < _agents)
            {
                ExpandConstraint(node, constraint, successorVertices);
            }

            if (!_pibt.Generate(node.Config, constraint, node.Order, next))
            {
                continue;
            }

            if (explored.TryGetValue(next, out HighLevelNode? known))
            {
                node.Successors.Add(known);
                open.Push(known);
                Rewire(node, goal, open, rewireQueue);
                continue;
            }

            HighLevelNode child = CreateChild(node, (int[])next.Clone());
            node.Successors.Add(child);
            explored.Add(child.Config, child);
            open.Push(child);
        }

        long elapsed = limits.Clock.TimeUs - t0;
        if (goal is null)
        {
            return Unsolved(limits, t0, explored.Count);
        }

        // LaCAM*'s edge cost does not charge an agent for steps it rests on its goal before leaving it again, so a
        // rewired path can have a larger sum-of-costs than the first one; return the better of the two.
        int[][] best = Extract(goal);
        if (firstPaths is not null && SumOfCosts(firstPaths) < SumOfCosts(best))
        {
            best = firstPaths;
        }

        return new MapfResult(true, best, firstUs, firstSoc, elapsed, open.Count == 0 && !limits.StopAtFirstSolution, explored.Count);
    }

    private static MapfResult Unsolved(MapfLimits limits, long t0, int nodes) =>
        new(false, [], -1, -1, limits.Clock.TimeUs - t0, false, nodes);

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

        return new HighLevelNode(config, null, 0, h, priorities, OrderOf(priorities));
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

        return new HighLevelNode(config, parent, parent.CostSoFar + EdgeCost(parent.Config, config), h, priorities, OrderOf(priorities));
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

    /// <summary>LaCAM*'s edge cost: agents not resting at their goal through the step (sum-of-costs).</summary>
    private long EdgeCost(int[] from, int[] to)
    {
        int[] goals = _instance.Goals;
        long cost = 0;
        for (int i = 0; i < from.Length; i++)
        {
            if (from[i] != goals[i] || to[i] != goals[i])
            {
                cost++;
            }
        }

        return cost;
    }

    /// <summary>Propagates a cheaper cost from <paramref name="origin"/> through the recorded successor edges.</summary>
    private void Rewire(HighLevelNode origin, HighLevelNode? goal, Stack<HighLevelNode> open, Queue<HighLevelNode> queue)
    {
        queue.Clear();
        queue.Enqueue(origin);
        while (queue.Count > 0)
        {
            HighLevelNode from = queue.Dequeue();
            foreach (HighLevelNode to in from.Successors)
            {
                long g = from.CostSoFar + EdgeCost(from.Config, to.Config);
                if (g < to.CostSoFar)
                {
                    to.CostSoFar = g;
                    to.Parent = from;
                    queue.Enqueue(to);
                    if (goal is not null && to.Estimate < goal.CostSoFar)
                    {
                        open.Push(to);
                    }
                }
            }
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
