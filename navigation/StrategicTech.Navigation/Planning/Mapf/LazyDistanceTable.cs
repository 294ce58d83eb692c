namespace StrategicTech.Navigation.Planning.Mapf;

/// <summary>
/// Per-agent shortest distances to the agent's goal, by breadth-first search from the goal that runs only as far
/// as the queries need: a query for a vertex not yet reached resumes that agent's search until the vertex is
/// discovered. PIBT asks about the neighbourhood of each agent's current position, so most searches stop well
/// short of the whole map, and no agent's table is built before its first query. The search runs backwards, over
/// the arcs into each vertex, so a directed graph's distances are those of the moves allowed. On a weighted graph it
/// is Dijkstra's (lazily the same way: a query settles vertices until its own is), distances in
/// <see cref="MapfGraph.CostUnit"/>ths of a plain move.
/// </summary>
internal sealed class LazyDistanceTable
{
    private readonly MapfGraph _graph;
    private readonly int[] _goals;

    // Per agent: distance + 1 (0 = not discovered yet), the search queue, and its head and tail.
    private readonly int[]?[] _distPlusOne;
    private readonly int[]?[] _queue;
    private readonly int[] _head;
    private readonly int[] _tail;

    // Weighted graphs: per agent, the open vertices by tentative distance and which vertices are settled.
    private readonly PriorityQueue<int, int>?[]? _open;
    private readonly bool[]?[]? _settled;

    public LazyDistanceTable(MapfGraph graph, int[] goals)
    {
        _graph = graph;
        _goals = goals;
        _distPlusOne = new int[goals.Length][];
        _queue = new int[goals.Length][];
        _head = new int[goals.Length];
        _tail = new int[goals.Length];
        if (graph.IsWeighted)
        {
            _open = new PriorityQueue<int, int>?[goals.Length];
            _settled = new bool[]?[goals.Length];
        }
    }

    /// <summary>Returned for a vertex from which the goal cannot be reached (more than any distance).</summary>
    public int Unreachable => _graph.IsWeighted ? int.MaxValue / 2 : _graph.VertexCount;

    public int Get(int agent, int vertex)
    {
        int[]? dist = _distPlusOne[agent];
        if (dist is null)
        {
            dist = Start(agent);
        }

        if (_settled is not null)
        {
            return _settled[agent]![vertex] ? dist[vertex] - 1 : ResumeWeighted(agent, dist, vertex);
        }

        int d = dist[vertex];
        if (d != 0)
        {
            return d - 1;
        }

        return Resume(agent, dist, vertex);
    }

    private int ResumeWeighted(int agent, int[] dist, int target)
    {
        PriorityQueue<int, int> open = _open![agent]!;
        bool[] settled = _settled![agent]!;
        while (!settled[target] && open.TryDequeue(out int u, out int du))
        {
            if (settled[u] || du != dist[u] - 1)
            {
                continue; // a stale entry: u was reached more cheaply since
            }

            settled[u] = true;
            ReadOnlySpan<int> from = _graph.Predecessors(u);
            ReadOnlySpan<int> cost = _graph.PredecessorCosts(u);
            for (int k = 0; k < from.Length; k++)
            {
                int w = from[k];
                int dw = du + cost[k];
                if (!settled[w] && (dist[w] == 0 || dw < dist[w] - 1))
                {
                    dist[w] = dw + 1;
                    open.Enqueue(w, dw);
                }
            }
        }

        return settled[target] ? dist[target] - 1 : Unreachable;
    }

    private int[] Start(int agent)
    {
        var dist = new int[_graph.VertexCount];
        _distPlusOne[agent] = dist;
        if (_settled is not null)
        {
            _settled[agent] = new bool[_graph.VertexCount];
            var open = new PriorityQueue<int, int>();
            _open![agent] = open;
            dist[_goals[agent]] = 1;
            open.Enqueue(_goals[agent], 0);
            return dist;
        }

        var queue = new int[_graph.VertexCount];
        _queue[agent] = queue;
        Seed(agent, dist, queue);
        return dist;
    }

    private void Seed(int agent, int[] dist, int[] queue)
    {
        int g = _goals[agent];
        dist[g] = 1;
        queue[0] = g;
        _head[agent] = 0;
        _tail[agent] = 1;
    }

    private int Resume(int agent, int[] dist, int target)
    {
        int[] queue = _queue[agent]!;
        int head = _head[agent], tail = _tail[agent];
        while (head < tail)
        {
            int u = queue[head++];
            int next = dist[u] + 1;
            foreach (int w in _graph.Predecessors(u))
            {
                if (dist[w] == 0)
                {
                    dist[w] = next;
                    queue[tail++] = w;
                }
            }

            if (dist[target] != 0)
            {
                break;
            }
        }

        _head[agent] = head;
        _tail[agent] = tail;
        return dist[target] != 0 ? dist[target] - 1 : Unreachable;
    }
}
