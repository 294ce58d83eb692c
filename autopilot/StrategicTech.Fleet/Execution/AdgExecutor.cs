namespace StrategicTech.Fleet.Execution;

/// <summary>
/// Execution state of an action dependency graph: how many moves each robot has finished, and how far each
/// robot may be released. A move may be released (sent to the robot) once every move before it on the robot is
/// released and its type-2 dependencies are done; done moves stay done, so a released move stays safe to drive.
/// </summary>
public sealed class AdgExecutor
{
    private readonly ActionDependencyGraph _graph;
    private readonly int[] _done;

    public AdgExecutor(ActionDependencyGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        _graph = graph;
        _done = new int[graph.RobotCount];
    }

    public ActionDependencyGraph Graph => _graph;

    /// <summary>Number of moves of the robot that are done (its next move has this index).</summary>
    public int DoneCount(int robot) => _done[robot];

    public bool IsDone(int robot, int index) => index < _done[robot];

    public bool AllDone
    {
        get
        {
            for (int r = 0; r < _done.Length; r++)
            {
                if (_done[r] < _graph.ActionsOf(r).Count)
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>Records that the robot finished its moves up to (excluding) <paramref name="doneCount"/>; progress never goes back.</summary>
    public void ReportDone(int robot, int doneCount)
    {
        int count = _graph.ActionsOf(robot).Count;
        if (doneCount < 0 || doneCount > count)
        {
            throw new ArgumentOutOfRangeException(nameof(doneCount), $"robot {robot}: {doneCount} done of {count} moves");
        }

        if (doneCount > _done[robot])
        {
            _done[robot] = doneCount;
        }
    }

    /// <summary>End (exclusive) of the moves of this robot that may be released now: its done moves, then every following move whose dependencies are done.</summary>
    public int ReleasableEnd(int robot)
    {
        IReadOnlyList<AdgAction> actions = _graph.ActionsOf(robot);
        int k = _done[robot];
        while (k < actions.Count && DependenciesDone(robot, k))
        {
            k++;
        }

        return k;
    }

    private bool DependenciesDone(int robot, int index)
    {
        foreach (var (r, k) in _graph.DependenciesOf(robot, index))
        {
            if (!IsDone(r, k))
            {
                return false;
            }
        }

        return true;
    }
}
