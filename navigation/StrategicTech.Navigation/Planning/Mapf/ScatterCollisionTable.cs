namespace StrategicTech.Navigation.Planning.Mapf;

/// <summary>
/// Which agents' (possibly conflicting) paths visit each vertex at each time step, for scatter's collision-counting
/// A*: a dense vertex × time grid of list heads over a pooled linked list. Counts vertex, swap and goal collisions
/// (an agent rests on its goal after its final arrival) the way the Engineering LaCAM* scatter does (Okumura, AAMAS
/// 2024). <see cref="Reset"/> sizes it for an instance; its arrays only grow, so a table kept between instances of
/// the same size allocates nothing again.
/// </summary>
public sealed class ScatterCollisionTable
{
    private const int None = -1;
    private readonly int _vertexCount;
    private readonly int[] _arrival;
    private int _steps;
    private int[] _head = [];
    private int[] _entryAgent = [];
    private int[] _entryNext = [];
    private int _free;

    /// <param name="vertexCount">Vertices of the graph.</param>
    /// <param name="steps">Time steps covered (the longest path's length in vertices).</param>
    /// <param name="entries">Most vertex-time entries enrolled at once (sum of the longest path of each agent).</param>
    public ScatterCollisionTable(int vertexCount, int steps, int entries)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(vertexCount);
        _vertexCount = vertexCount;
        _arrival = new int[vertexCount];
        Reset(steps, entries);
    }

    /// <summary>Collisions of all enrolled paths with each other (each pair and step counted once).</summary>
    public int Collisions { get; private set; }

    /// <summary>Empties the table and sizes it for <paramref name="steps"/> time steps and <paramref name="entries"/> enrolled vertex-time entries.</summary>
    public void Reset(int steps, int entries)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        ArgumentOutOfRangeException.ThrowIfNegative(entries);
        _steps = steps;
        int cells = checked(_vertexCount * steps);
        if (_head.Length < cells)
        {
            _head = new int[cells];
        }

        _head.AsSpan(0, cells).Fill(None);
        if (_entryAgent.Length < entries)
        {
            _entryAgent = new int[entries];
            _entryNext = new int[entries];
        }

        for (int e = 0; e < entries; e++)
        {
            _entryNext[e] = e + 1 < entries ? e + 1 : None;
        }

        _free = entries > 0 ? 0 : None;
        Array.Fill(_arrival, int.MaxValue);
        Collisions = 0;
    }

    /// <summary>Collisions an agent causes by moving from <paramref name="from"/> at <paramref name="t"/> to <paramref name="to"/> at t + 1.</summary>
    public int MoveCost(int from, int to, int t)
    {
        int tTo = t + 1;
        int cost = 0;
        if (tTo < _steps)
        {
            for (int e = _head[(to * _steps) + tTo]; e != None; e = _entryNext[e])
            {
                cost++;
            }

            // Swap: an agent at `from` at t + 1 that was at `to` at t.
            for (int e = _head[(from * _steps) + tTo]; e != None; e = _entryNext[e])
            {
                if (Visits(_entryAgent[e], to, t))
                {
                    cost++;
                }
            }
        }

        if (_arrival[to] < tTo)
        {
            cost++; // another agent already rests on its goal there
        }

        return cost;
    }

    public void Enroll(int agent, ReadOnlySpan<int> path)
    {
        if (path.Length == 0)
        {
            return;
        }

        for (int t = 0; t < path.Length; t++)
        {
            if (t > 0)
            {
                Collisions += MoveCost(path[t - 1], path[t], t - 1);
            }

            int e = _free;
            _free = _entryNext[e];
            int slot = (path[t] * _steps) + t;
            _entryAgent[e] = agent;
            _entryNext[e] = _head[slot];
            _head[slot] = e;
        }

        int goal = path[^1], last = path.Length - 1;
        _arrival[goal] = last;
        Collisions += VisitsAfter(goal, last);
    }

    public void Clear(int agent, ReadOnlySpan<int> path)
    {
        if (path.Length == 0)
        {
            return;
        }

        for (int t = 0; t < path.Length; t++)
        {
            int slot = (path[t] * _steps) + t;
            int prev = None;
            for (int e = _head[slot]; e != None; prev = e, e = _entryNext[e])
            {
                if (_entryAgent[e] == agent)
                {
                    if (prev == None)
                    {
                        _head[slot] = _entryNext[e];
                    }
                    else
                    {
                        _entryNext[prev] = _entryNext[e];
                    }

                    _entryNext[e] = _free;
                    _free = e;
                    break;
                }
            }

            if (t > 0)
            {
                Collisions -= MoveCost(path[t - 1], path[t], t - 1);
            }
        }

        int goal = path[^1], last = path.Length - 1;
        _arrival[goal] = int.MaxValue;
        Collisions -= VisitsAfter(goal, last);
    }

    /// <summary>Whether the agent's enrolled path is at <paramref name="vertex"/> at step <paramref name="t"/>.</summary>
    private bool Visits(int agent, int vertex, int t)
    {
        for (int e = _head[(vertex * _steps) + t]; e != None; e = _entryNext[e])
        {
            if (_entryAgent[e] == agent)
            {
                return true;
            }
        }

        return false;
    }

    private int VisitsAfter(int vertex, int time)
    {
        int count = 0;
        for (int t = time + 1; t < _steps; t++)
        {
            for (int e = _head[(vertex * _steps) + t]; e != None; e = _entryNext[e])
            {
                count++;
            }
        }

        return count;
    }
}
