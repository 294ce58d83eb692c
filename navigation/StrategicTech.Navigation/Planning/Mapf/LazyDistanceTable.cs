namespace StrategicTech.Navigation.Planning.Mapf;

/// <summary>
/// Per-agent shortest distances to the agent's goal, by breadth-first search from the goal that runs only as far
/// as the queries need: a query for a vertex not yet reached resumes that agent's search until the vertex is
/// discovered. PIBT asks about the neighbourhood of each agent's current position, so most searches stop well
/// short of the whole map, and no agent's table is built before its first query.
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

    public LazyDistanceTable(MapfGraph graph, int[] goals)
    {
        _graph = graph;
        _goals = goals;
        _distPlusOne = new int[goals.Length][];
        _queue = new int[goals.Length][];
        _head = new int[goals.Length];
        _tail = new int[goals.Length];
    }

    /// <summary>Returned for a vertex from which the goal cannot be reached.</summary>
    public int Unreachable => _graph.VertexCount;

    public int Get(int agent, int vertex)
    {
        int[]? dist = _distPlusOne[agent];
        if (dist is null)
        {
            dist = Start(agent);
        }

        int d = dist[vertex];
        if (d != 0)
        {
            return d - 1;
        }

        return Resume(agent, dist, vertex);
    }

    private int[] Start(int agent)
    {
        var dist = new int[_graph.VertexCount];
        var queue = new int[_graph.VertexCount];
        _distPlusOne[agent] = dist;
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
            foreach (int w in _graph.Neighbors(u))
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
