using StrategicTech.Navigation.Time;

namespace StrategicTech.Navigation.Planning.Mapf;

/// <summary>
/// Scatter (space-utilisation optimisation, Han and Yu, ICRA 2022, as used by Engineering LaCAM*, Okumura, AAMAS
/// 2024): before LaCAM starts, every agent gets a single-agent path, at most <c>costMargin</c> steps longer than its
/// shortest one, that collides as little as possible with the other agents' paths (A* ordered by collisions first,
/// then by path length). The paths are replanned in random order, round after round, while the collision count
/// falls. PIBT then prefers each agent's next vertex on its scatter path over the plain nearest-to-goal choice, so
/// agents spread over parallel aisles instead of all queueing on the same shortest routes.
/// One guide serves one graph and agent count: its buffers (paths, collision table, search, next-vertex map) are
/// kept between builds and only grow, so building again for an instance of the same size allocates nearly nothing.
/// </summary>
public sealed class ScatterGuide
{
    /// <summary>Above this many vertex × time cells the dense collision table is not built (scatter is skipped).</summary>
    public const long MaxTableCells = 24_000_000;

    private const int None = -1;
    private readonly int _vertexCount;
    private readonly int _agents;
    private readonly int[] _costBound;
    private readonly int[] _order;
    private readonly int[][] _paths;
    private readonly int[] _pathLength;
    private readonly ScatterCollisionTable _table;
    private readonly ScatterSearch _search;
    private readonly Dictionary<long, int> _next = [];

    /// <param name="graph">The graph every instance built for lies on.</param>
    /// <param name="agentCount">Agents of every instance built for.</param>
    public ScatterGuide(MapfGraph graph, int agentCount)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentOutOfRangeException.ThrowIfNegative(agentCount);
        _vertexCount = graph.VertexCount;
        _agents = agentCount;
        _costBound = new int[agentCount];
        _order = new int[agentCount];
        _paths = new int[agentCount][];
        Array.Fill(_paths, []);
        _pathLength = new int[agentCount];
        _table = new ScatterCollisionTable(graph.VertexCount, 0, 0);
        _search = new ScatterSearch(graph, _table);
    }

    /// <summary>Collisions left among the scatter paths of the last build.</summary>
    public int Collisions => _table.Collisions;

    /// <summary>Replanning rounds run by the last build.</summary>
    public int Rounds { get; private set; }

    /// <summary>The vertex after <paramref name="vertex"/> on the agent's scatter path, or -1.</summary>
    public int NextOf(int agent, int vertex) =>
        _next.TryGetValue(((long)agent * _vertexCount) + vertex, out int next) ? next : None;

    /// <summary>Whether this guide's buffers fit the instance (same vertex and agent count).</summary>
    public bool Fits(MapfInstance instance) =>
        instance is not null && instance.Graph.VertexCount == _vertexCount && instance.AgentCount == _agents;

    /// <summary>
    /// Builds the scatter paths of <paramref name="instance"/>, or returns false (and guides no agent) when the
    /// collision table would exceed <see cref="MaxTableCells"/>. When the deadline passes during the first round,
    /// the agents not yet planned get no scatter path (plain PIBT).
    /// </summary>
    internal bool Build(MapfInstance instance, LazyDistanceTable distance, Random random, int costMargin, IClock clock, long deadlineUs)
    {
        if (!Fits(instance))
        {
            throw new ArgumentException($"scatter guide for {_vertexCount} vertices and {_agents} agents cannot take {instance.Graph.VertexCount} and {instance.AgentCount}", nameof(instance));
        }

        _next.Clear();
        Rounds = 0;
        int[] starts = instance.Starts, goals = instance.Goals;
        int longest = 0;
        long entries = 0;
        for (int i = 0; i < _agents; i++)
        {
            _costBound[i] = distance.Get(i, starts[i]) + costMargin;
            longest = Math.Max(longest, _costBound[i] + 1);
            entries += _costBound[i] + 1;
        }

        if ((long)_vertexCount * longest > MaxTableCells || _vertexCount >= 1 << 21)
        {
            _table.Reset(0, 0);
            return false;
        }

        for (int i = 0; i < _agents; i++)
        {
            _order[i] = i;
            _pathLength[i] = 0;
            if (_paths[i].Length < _costBound[i] + 1)
            {
                _paths[i] = new int[_costBound[i] + 1];
            }
        }

        _table.Reset(longest, (int)entries);
        int lastCollisions = int.MaxValue;
        while (Rounds < 2 || _table.Collisions < lastCollisions)
        {
            lastCollisions = Rounds == 0 ? int.MaxValue : _table.Collisions;
            Rounds++;
            random.Shuffle(_order);
            bool expired = false;
            foreach (int i in _order)
            {
                if (clock.TimeUs >= deadlineUs)
                {
                    expired = true;
                    break;
                }

                _table.Clear(i, _paths[i].AsSpan(0, _pathLength[i]));
                int length = _search.Plan(distance, i, starts[i], goals[i], _costBound[i], _paths[i]);
                if (length > 0)
                {
                    _pathLength[i] = length;
                }

                _table.Enroll(i, _paths[i].AsSpan(0, _pathLength[i]));
            }

            if (expired || _table.Collisions == 0)
            {
                break;
            }
        }

        _next.EnsureCapacity((int)Math.Min(entries, int.MaxValue));
        for (int i = 0; i < _agents; i++)
        {
            int[] p = _paths[i];
            for (int t = 0; t + 1 < _pathLength[i]; t++)
            {
                _next[((long)i * _vertexCount) + p[t]] = p[t + 1];
            }
        }

        return true;
    }
}
