namespace StrategicTech.Navigation.Planning.Mapf;

/// <summary>
/// Who occupies which vertex at which time step, for the paths of a solution being refined: one layer of
/// <c>VertexCount</c> agent ids per time step (-1 free) up to the longest path, plus, per goal vertex, the time from
/// which its owner rests there for good (an agent stays on its goal after its final arrival).
/// </summary>
internal sealed class ReservationTable
{
    public const int Free = -1;
    private readonly int _vertexCount;
    private readonly int[] _goals;
    private readonly int[] _ownerOfGoal;
    private readonly int[] _restingFrom;
    private readonly List<int[]> _layers = [];

    public ReservationTable(int vertexCount, int[] goals)
    {
        _vertexCount = vertexCount;
        _goals = goals;
        _ownerOfGoal = new int[vertexCount];
        _restingFrom = new int[vertexCount];
        Array.Fill(_ownerOfGoal, Free);
        Array.Fill(_restingFrom, int.MaxValue);
        for (int i = 0; i < goals.Length; i++)
        {
            _ownerOfGoal[goals[i]] = i;
        }
    }

    /// <summary>Number of time layers held (one more than the latest time any stored path moves).</summary>
    public int Horizon => _layers.Count;

    /// <summary>The agent on <paramref name="vertex"/> at time <paramref name="t"/> by its path, or by resting on its goal; -1 when free.</summary>
    public int At(int t, int vertex)
    {
        if (t < _layers.Count)
        {
            int a = _layers[t][vertex];
            if (a != Free)
            {
                return a;
            }
        }

        return t >= _restingFrom[vertex] ? _ownerOfGoal[vertex] : Free;
    }

    /// <summary>The agent moving along a stored path at (t, vertex), ignoring agents that rest on their goal.</summary>
    public int MovingAt(int t, int vertex) => t < _layers.Count ? _layers[t][vertex] : Free;

    /// <summary>Latest time at which an agent's path (not its rest) is on <paramref name="vertex"/>; -1 when never.</summary>
    public int LastVisit(int vertex)
    {
        for (int t = _layers.Count - 1; t >= 0; t--)
        {
            if (_layers[t][vertex] != Free)
            {
                return t;
            }
        }

        return -1;
    }

    public void Add(int agent, int[] path)
    {
        while (_layers.Count < path.Length)
        {
            var layer = new int[_vertexCount];
            Array.Fill(layer, Free);
            _layers.Add(layer);
        }

        for (int t = 0; t < path.Length; t++)
        {
            _layers[t][path[t]] = agent;
        }

        _restingFrom[_goals[agent]] = path.Length - 1;
    }

    public void Remove(int agent, int[] path)
    {
        for (int t = 0; t < path.Length; t++)
        {
            if (_layers[t][path[t]] == agent)
            {
                _layers[t][path[t]] = Free;
            }
        }

        _restingFrom[_goals[agent]] = int.MaxValue;
    }
}
