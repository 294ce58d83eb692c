namespace StrategicTech.Navigation.Planning.Mapf;

/// <summary>
/// Scatter's single-agent search: A* over vertices (each closed once, so the path never revisits a vertex and never
/// waits) ordered by the collisions accumulated with the other agents' paths first, then by f = g + h, then by
/// vertex; only vertices from which the goal stays within the cost bound are entered. Reuses its buffers.
/// </summary>
internal sealed class ScatterSearch
{
    private const int None = -1;
    private readonly MapfGraph _graph;
    private readonly LazyDistanceTable _distance;
    private readonly ScatterCollisionTable _table;
    private readonly PriorityQueue<int, long> _open = new();
    private readonly List<int> _nodeVertex = [];
    private readonly List<int> _nodeG = [];
    private readonly List<int> _nodeCollisions = [];
    private readonly List<int> _nodeParent = [];
    private readonly int[] _closedStamp;
    private readonly int[] _closedNode;
    private readonly List<int> _reverse = [];
    private int _stamp;

    public ScatterSearch(MapfGraph graph, LazyDistanceTable distance, ScatterCollisionTable table)
    {
        _graph = graph;
        _distance = distance;
        _table = table;
        _closedStamp = new int[graph.VertexCount];
        _closedNode = new int[graph.VertexCount];
    }

    /// <summary>The least-colliding path of at most <paramref name="costBound"/> moves, or null when none exists.</summary>
    public int[]? Plan(int agent, int start, int goal, int costBound)
    {
        _stamp++;
        _open.Clear();
        _nodeVertex.Clear();
        _nodeG.Clear();
        _nodeCollisions.Clear();
        _nodeParent.Clear();
        Add(start, 0, 0, None, _distance.Get(agent, start));
        while (_open.TryDequeue(out int n, out _))
        {
            int v = _nodeVertex[n];
            if (_closedStamp[v] == _stamp)
            {
                continue;
            }

            _closedStamp[v] = _stamp;
            _closedNode[v] = n;
            if (v == goal)
            {
                return Backtrack(n);
            }

            int g = _nodeG[n], c = _nodeCollisions[n];
            foreach (int u in _graph.Neighbors(v))
            {
                if (u == start || _closedStamp[u] == _stamp)
                {
                    continue;
                }

                int h = _distance.Get(agent, u);
                if (g + 1 + h > costBound)
                {
                    continue;
                }

                Add(u, g + 1, c + _table.MoveCost(v, u, g), n, h);
            }
        }

        return null;
    }

    private void Add(int vertex, int g, int collisions, int parent, int h)
    {
        int n = _nodeVertex.Count;
        _nodeVertex.Add(vertex);
        _nodeG.Add(g);
        _nodeCollisions.Add(collisions);
        _nodeParent.Add(parent);
        // Key: collisions, then f, then vertex (vertices below 2^21 and f below 2^21, checked by the caller's bound).
        _open.Enqueue(n, ((long)collisions << 42) | ((long)(g + h) << 21) | (uint)vertex);
    }

    private int[] Backtrack(int n)
    {
        _reverse.Clear();
        for (; n != None; n = _nodeParent[n])
        {
            _reverse.Add(_nodeVertex[n]);
        }

        var path = new int[_reverse.Count];
        for (int k = 0; k < path.Length; k++)
        {
            path[k] = _reverse[path.Length - 1 - k];
        }

        return path;
    }
}
