namespace StrategicTech.Navigation.Planning.Mapf;

/// <summary>
/// Single-agent A* in space-time (vertex, time step) around the paths held in a <see cref="ReservationTable"/>:
/// moves to a neighbour or waits, never onto a vertex another agent holds at that step, never swapping with one,
/// and ends on the goal only once no other path visits the goal later (the agent rests there afterwards). The cost
/// is the arrival time, so the result is the earliest conflict-free arrival given the other paths, the building
/// block of prioritised planning and of MAPF-LNS's replanning (Li et al., IJCAI 2021). Allocates per search.
/// </summary>
internal sealed class SpaceTimeAStar
{
    private readonly MapfGraph _graph;
    private readonly LazyDistanceTable _distance;
    private readonly List<int> _vertex = [];
    private readonly List<int> _time = [];
    private readonly List<int> _parent = [];
    private readonly PriorityQueue<int, long> _open = new();
    private readonly HashSet<long> _closed = [];
    private int _agent;
    private int _earliestEnd;

    public SpaceTimeAStar(MapfGraph graph, LazyDistanceTable distance)
    {
        _graph = graph;
        _distance = distance;
    }

    /// <summary>Times and distances must stay below 2^21 for the priority key.</summary>
    private const int MaxTime = (1 << 21) - 1;

    /// <summary>
    /// The path from the agent's start to its final arrival, or null when none is found within
    /// <paramref name="maxExpansions"/> or none arrives by <paramref name="maxArrival"/> (the search stops as soon as
    /// the smallest open bound exceeds it, so a replan that could not be accepted anyway costs little).
    /// </summary>
    public int[]? Plan(int agent, int start, int goal, ReservationTable table, int maxExpansions, long maxArrival = long.MaxValue)
    {
        _vertex.Clear();
        _time.Clear();
        _parent.Clear();
        _open.Clear();
        _closed.Clear();
        _agent = agent;
        int earliestEnd = table.LastVisit(goal) + 1;
        _earliestEnd = earliestEnd;
        long vertexCount = _graph.VertexCount;
        Push(start, 0, -1);
        int expansions = 0;
        while (_open.TryDequeue(out int n, out long key))
        {
            if ((key >> 42) > maxArrival)
            {
                return null; // every open node's arrival bound (f) is at least this one's
            }

            int v = _vertex[n], t = _time[n];
            if (!_closed.Add((t * vertexCount) + v))
            {
                continue;
            }

            if (v == goal && t >= earliestEnd)
            {
                return Path(n);
            }

            if (++expansions > maxExpansions)
            {
                return null;
            }

            foreach (int w in _graph.Neighbors(v))
            {
                TryMove(n, agent, v, w, t, table, vertexCount);
            }

            TryMove(n, agent, v, v, t, table, vertexCount);
        }

        return null;
    }

    private void TryMove(int from, int agent, int v, int w, int t, ReservationTable table, long vertexCount)
    {
        int t1 = t + 1;
        if (_closed.Contains((t1 * vertexCount) + w) || _distance.Get(agent, w) >= _distance.Unreachable)
        {
            return;
        }

        int there = table.At(t1, w);
        if (there != ReservationTable.Free && there != agent)
        {
            return;
        }

        if (w != v)
        {
            int k = table.MovingAt(t, w);
            if (k != ReservationTable.Free && k != agent && table.MovingAt(t1, v) == k)
            {
                return; // swap with k
            }
        }

        Push(w, t1, from);
    }

    private void Push(int v, int t, int parent)
    {
        int n = _vertex.Count;
        _vertex.Add(v);
        _time.Add(t);
        _parent.Add(parent);
        // f = arrival time bound: the goal cannot be kept before another path's last visit there. Ties: the later
        // time first, then the nearer to the goal, so a wait for that visit is searched depth-first.
        long h = _distance.Get(_agent, v);
        long f = Math.Max(t + h, _earliestEnd);
        _open.Enqueue(n, (f << 42) + ((long)(MaxTime - t) << 21) + h);
    }

    private int[] Path(int n)
    {
        var path = new int[_time[n] + 1];
        for (int k = n; k >= 0; k = _parent[k])
        {
            path[_time[k]] = _vertex[k];
        }

        return path;
    }
}
