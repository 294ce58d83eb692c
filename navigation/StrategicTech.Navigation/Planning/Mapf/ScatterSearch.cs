namespace StrategicTech.Navigation.Planning.Mapf;

/// <summary>
/// Scatter's single-agent search: A* over vertices (each closed once, so the path never revisits a vertex and never
/// waits) ordered by the collisions accumulated with the other agents' paths first, then by f = g + h, then by
/// vertex; only vertices from which the goal stays within the cost bound are entered. Reuses its buffers and writes
/// the path into the caller's.
/// </summary>
internal sealed class ScatterSearch
{
    private const int None = -1;
    private readonly MapfGraph _graph;
    private readonly ScatterCollisionTable _table;
    /// <summary>Most neighbours of a vertex of the 4-connected grid graph.</summary>
    private const int MaxDegree = 4;
    private readonly PriorityQueue<int, long> _open;
    private readonly List<int> _nodeVertex;
    private readonly List<int> _nodeG;
    private readonly List<int> _nodeCollisions;
    private readonly List<int> _nodeParent;
    private readonly int[] _closedStamp;
    private int _stamp;

    public ScatterSearch(MapfGraph graph, ScatterCollisionTable table)
    {
        _graph = graph;
        _table = table;
        _closedStamp = new int[graph.VertexCount];
        // Each vertex is expanded once and adds at most one node per neighbour: sized for the worst search, so no
        // search of any instance on this graph grows them.
        int nodes = (graph.VertexCount * MaxDegree) + 1;
        _open = new PriorityQueue<int, long>(nodes);
        _nodeVertex = new List<int>(nodes);
        _nodeG = new List<int>(nodes);
        _nodeCollisions = new List<int>(nodes);
        _nodeParent = new List<int>(nodes);
    }

    /// <summary>
    /// Writes the least-colliding path of at most <paramref name="costBound"/> moves into <paramref name="path"/>
    /// (at least costBound + 1 long) and returns its length in vertices; 0, and <paramref name="path"/> untouched,
    /// when none exists.
    /// </summary>
    public int Plan(LazyDistanceTable distance, int agent, int start, int goal, int costBound, int[] path)
    {
        _stamp++;
        _open.Clear();
        _nodeVertex.Clear();
        _nodeG.Clear();
        _nodeCollisions.Clear();
        _nodeParent.Clear();
        Add(start, 0, 0, None, distance.Get(agent, start));
        while (_open.TryDequeue(out int n, out _))
        {
            int v = _nodeVertex[n];
            if (_closedStamp[v] == _stamp)
            {
                continue;
            }

            _closedStamp[v] = _stamp;
            if (v == goal)
            {
                return Backtrack(n, path);
            }

            int g = _nodeG[n], c = _nodeCollisions[n];
            foreach (int u in _graph.Neighbors(v))
            {
                if (u == start || _closedStamp[u] == _stamp)
                {
                    continue;
                }

                int h = distance.Get(agent, u);
                if (g + 1 + h > costBound)
                {
                    continue;
                }

                Add(u, g + 1, c + _table.MoveCost(v, u, g), n, h);
            }
        }

        return 0;
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

    /// <summary>A node's g is its time step (one move per step, no waits), so the path has g + 1 vertices.</summary>
    private int Backtrack(int n, int[] path)
    {
        int length = _nodeG[n] + 1;
        for (int k = length - 1; n != None; n = _nodeParent[n], k--)
        {
            path[k] = _nodeVertex[n];
        }

        return length;
    }
}
