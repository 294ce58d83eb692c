namespace StrategicTech.Fleet.Execution;

/// <summary>
/// An action dependency graph that grows window by window, for lifelong operation. Every window is a
/// conflict-free plan of all robots from where the committed plan ends (global plan step <see cref="StepCount"/>),
/// so the concatenation of the windows is one conflict-free plan in global steps, and this graph is exactly the
/// graph of that plan: a move into vertex v at step t depends on the latest move of another robot out of v at or
/// before t, in this window or, when there is none in it, in any earlier window (the per-vertex last leaver is
/// kept). Moves already in the graph never gain dependencies (all new moves come later in plan time), so the
/// order of visits to every shared cell across windows is the plan's order, and dependencies only point back in
/// plan time or within a window; a window is refused when its moves contain a rotation, so the graph stays
/// acyclic and execution that starts each move only when its dependencies are done never collides or deadlocks,
/// however late any robot runs.
/// </summary>
public sealed class LifelongDependencyGraph
{
    private readonly List<AdgAction>[] _actions;
    private readonly List<(int Robot, int Index)[]>[] _dependencies;
    private readonly int[] _done;
    private readonly int[] _end;
    private readonly Dictionary<int, (int Step, int Robot, int Index)> _lastLeaver = [];

    /// <summary>Robots start standing on <paramref name="startVertices"/> at global step 0.</summary>
    public LifelongDependencyGraph(int[] startVertices)
    {
        ArgumentNullException.ThrowIfNull(startVertices);
        int n = startVertices.Length;
        _actions = new List<AdgAction>[n];
        _dependencies = new List<(int, int)[]>[n];
        for (int r = 0; r < n; r++)
        {
            _actions[r] = [];
            _dependencies[r] = [];
        }

        _done = new int[n];
        _end = (int[])startVertices.Clone();
    }

    public int RobotCount => _actions.Length;

    /// <summary>Global plan steps committed so far (every robot's plan ends at this step).</summary>
    public int StepCount { get; private set; }

    /// <summary>Vertex where the robot's committed plan ends.</summary>
    public int EndVertex(int robot) => _end[robot];

    public int MoveCount(int robot) => _actions[robot].Count;

    public AdgAction Action(int robot, int index) => _actions[robot][index];

    /// <summary>The other robots' moves that must be done before this move may start.</summary>
    public IReadOnlyList<(int Robot, int Index)> DependenciesOf(int robot, int index) => _dependencies[robot][index];

    public int DoneCount(int robot) => _done[robot];

    /// <summary>Records that the robot finished its moves up to (excluding) <paramref name="doneCount"/>; progress never goes back.</summary>
    public void ReportDone(int robot, int doneCount)
    {
        if (doneCount < 0 || doneCount > _actions[robot].Count)
        {
            throw new ArgumentOutOfRangeException(nameof(doneCount), $"robot {robot}: {doneCount} done of {_actions[robot].Count} moves");
        }

        _done[robot] = Math.Max(_done[robot], doneCount);
    }

    /// <summary>End (exclusive) of the robot's moves that may be released now: its done moves, then every following move whose dependencies are done.</summary>
    public int ReleasableEnd(int robot)
    {
        List<AdgAction> actions = _actions[robot];
        int k = _done[robot];
        while (k < actions.Count && DependenciesDone(robot, k))
        {
            k++;
        }

        return k;
    }

    /// <summary>
    /// Appends a window: one vertex sequence per robot, all of one length, each starting at the robot's
    /// <see cref="EndVertex"/> (entry i is global step <see cref="StepCount"/> + i). False with the reason, and the
    /// graph unchanged, when the sequences do not fit or their moves contain a rotation.
    /// </summary>
    public bool TryAppend(IReadOnlyList<int[]> window, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(window);
        if (window.Count != RobotCount)
        {
            problem = $"{window.Count} paths for {RobotCount} robots";
            return false;
        }

        int length = window.Count == 0 ? 1 : window[0].Length;
        for (int r = 0; r < window.Count; r++)
        {
            if (window[r].Length != length || length == 0 || window[r][0] != _end[r])
            {
                problem = $"robot {r}: window of {window[r].Length} steps from vertex {(window[r].Length > 0 ? window[r][0] : -1)}, expected {length} steps from {_end[r]}";
                return false;
            }
        }

        // Rotations are what makes moves wait on each other in a cycle; the one-shot graph finds them.
        if (!ActionDependencyGraph.TryBuild(window, out _, out problem))
        {
            return false;
        }

        int baseStep = StepCount;
        var leaving = new Dictionary<int, List<(int Step, int Robot, int Index)>>();
        var added = new List<AdgAction>[RobotCount];
        for (int r = 0; r < RobotCount; r++)
        {
            added[r] = [];
            int[] path = window[r];
            for (int t = 0; t + 1 < path.Length; t++)
            {
                if (path[t] == path[t + 1])
                {
                    continue;
                }

                var action = new AdgAction(r, _actions[r].Count + added[r].Count, path[t], path[t + 1], baseStep + t);
                added[r].Add(action);
                if (!leaving.TryGetValue(path[t], out var events))
                {
                    events = [];
                    leaving.Add(path[t], events);
                }

                events.Add((action.PlanStep, r, action.Index));
            }
        }

        foreach (var events in leaving.Values)
        {
            events.Sort((a, b) => a.Step.CompareTo(b.Step));
        }

        for (int r = 0; r < RobotCount; r++)
        {
            foreach (AdgAction a in added[r])
            {
                (int Step, int Robot, int Index) latest = (-1, -1, -1);
                if (leaving.TryGetValue(a.ToVertex, out var events))
                {
                    int i = events.FindLastIndex(e => e.Step <= a.PlanStep);
                    if (i >= 0)
                    {
                        latest = events[i];
                    }
                }

                if (latest.Robot < 0 && _lastLeaver.TryGetValue(a.ToVertex, out var earlier))
                {
                    latest = earlier; // the last robot out of this cell in an earlier window
                }

                _actions[r].Add(a);
                _dependencies[r].Add(latest.Robot >= 0 && latest.Robot != r ? [(latest.Robot, latest.Index)] : []);
            }
        }

        foreach (var (vertex, events) in leaving)
        {
            _lastLeaver[vertex] = events[^1];
        }

        for (int r = 0; r < RobotCount; r++)
        {
            _end[r] = window[r][^1];
        }

        StepCount = baseStep + length - 1;
        problem = null;
        return true;
    }

    private bool DependenciesDone(int robot, int index)
    {
        foreach (var (r, k) in _dependencies[robot][index])
        {
            if (k >= _done[r])
            {
                return false;
            }
        }

        return true;
    }
}
