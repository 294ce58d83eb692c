namespace StrategicTech.Navigation.Planning.Mapf;

/// <summary>
/// Lifelong MAPF by PIBT (Okumura et al., AIJ 2022, which was designed for it): every time step each agent picks
/// its next vertex in priority order, pushing lower-priority agents aside by priority inheritance, so one step never
/// has a vertex or swap conflict. An agent's priority grows by one each step it has not reached its goal and drops
/// back to a fraction when it does; an agent that reaches its goal takes a new goal at once, without waiting for
/// the others (where round-based planning waits for the slowest). On graphs where every edge lies on a cycle, the
/// agent with the highest priority always reaches its goal, so goals keep being reached.
/// Replanning is per step and per agent event; a step allocates nothing after construction.
/// </summary>
public sealed class LifelongPibt
{
    private readonly MapfGraph _graph;
    private readonly int[] _positions;
    private readonly int[] _goals;
    private readonly float[] _priorities;
    private readonly float[] _sortKeys;
    private readonly int[] _order;
    private readonly int[] _next;
    private readonly LazyDistanceTable _distance;
    private readonly PibtGenerator _pibt;

    /// <summary>Agents start on distinct vertices <paramref name="starts"/> with goals <paramref name="goals"/> (any vertices).</summary>
    public LifelongPibt(MapfGraph graph, int[] starts, int[] goals, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(starts);
        ArgumentNullException.ThrowIfNull(goals);
        if (starts.Length != goals.Length)
        {
            throw new ArgumentException($"{starts.Length} starts but {goals.Length} goals", nameof(goals));
        }

        var seen = new HashSet<int>();
        for (int i = 0; i < starts.Length; i++)
        {
            CheckVertex(graph, starts[i], i, "start");
            CheckVertex(graph, goals[i], i, "goal");
            if (!seen.Add(starts[i]))
            {
                throw new ArgumentException($"agent {i}: start vertex {starts[i]} is shared with another agent", nameof(starts));
            }
        }

        _graph = graph;
        int n = starts.Length;
        _positions = (int[])starts.Clone();
        _goals = (int[])goals.Clone();
        _priorities = new float[n];
        _sortKeys = new float[n];
        _order = new int[n];
        _next = new int[n];
        _distance = new LazyDistanceTable(graph, _goals);
        _pibt = new PibtGenerator(graph, _distance, _goals, new Random(seed));
        for (int i = 0; i < n; i++)
        {
            _priorities[i] = Fraction(i);
        }
    }

    public int AgentCount => _positions.Length;

    public ReadOnlySpan<int> Positions => _positions;

    public ReadOnlySpan<int> Goals => _goals;

    /// <summary>Gives agent <paramref name="agent"/> a new goal (any vertex), e.g. when it reached the last one.</summary>
    public void SetGoal(int agent, int goalVertex)
    {
        CheckVertex(_graph, goalVertex, agent, "goal");
        if (_goals[agent] != goalVertex)
        {
            _goals[agent] = goalVertex;
            _distance.GoalChanged(agent);
        }

        _priorities[agent] = Fraction(agent);
    }

    /// <summary>Whether the agent stands on its goal now.</summary>
    public bool AtGoal(int agent) => _positions[agent] == _goals[agent];

    /// <summary>
    /// Moves every agent one step (to a neighbour or staying) with no two agents on one vertex and no two swapping,
    /// and returns the new positions. Agents on their goal keep their priority low until they get a new goal.
    /// </summary>
    public ReadOnlySpan<int> Step()
    {
        int n = _positions.Length;
        for (int i = 0; i < n; i++)
        {
            float p = _priorities[i];
            _priorities[i] = AtGoal(i) ? p - MathF.Floor(p) : p + 1;

            _order[i] = i;
            _sortKeys[i] = -_priorities[i];
        }

        Array.Sort(_sortKeys, _order);
        if (!_pibt.Generate(_positions, LowLevelNode.Root, _order, _next))
        {
            // Without constraints every agent can at least stay, so PIBT cannot fail; this would be a defect.
            throw new InvalidOperationException("PIBT found no move for an unconstrained agent");
        }

        _next.AsSpan().CopyTo(_positions);
        return _positions;
    }

    /// <summary>Distinct fractional tie-break below one whole step of waiting: farther from the goal first.</summary>
    private float Fraction(int agent) =>
        (float)_distance.Get(agent, _positions[agent]) / (_graph.VertexCount + 1);

    private static void CheckVertex(MapfGraph graph, int v, int agent, string what)
    {
        if ((uint)v >= (uint)graph.VertexCount)
        {
            throw new ArgumentException($"agent {agent}: {what} vertex {v} is not in the graph");
        }
    }
}
