namespace StrategicTech.Fleet.Execution;

/// <summary>
/// Action dependency graph (Hönig, Kiesel, Tinka, Durham, Ayanian, "Persistent and Robust Execution of MAPF
/// Schedules in Warehouses", RA-L 2019). The moves of each robot form a chain (type 1). A move into vertex s
/// depends on the move of another robot out of s that the plan schedules at the same step or before (type 2):
/// the robot may only start entering s once the other robot has finished leaving it. Execution that starts each
/// move only when its dependencies are done keeps the plan's order of visits to every vertex, so robots never
/// share a vertex however late any of them runs, and (the graph being acyclic) never deadlock.
/// </summary>
public sealed class ActionDependencyGraph
{
    private readonly AdgAction[][] _actions;
    private readonly (int Robot, int Index)[][][] _dependencies;

    private ActionDependencyGraph(AdgAction[][] actions, (int Robot, int Index)[][][] dependencies)
    {
        _actions = actions;
        _dependencies = dependencies;
    }

    public int RobotCount => _actions.Length;

    public IReadOnlyList<AdgAction> ActionsOf(int robot) => _actions[robot];

    /// <summary>The other robots' moves that must be done before this move may start (type-2 edges).</summary>
    public IReadOnlyList<(int Robot, int Index)> DependenciesOf(int robot, int index) => _dependencies[robot][index];

    public int TotalActions => _actions.Sum(a => a.Length);

    /// <summary>
    /// Builds the graph of a MAPF plan (one vertex sequence per robot, one entry per step, a robot staying at its
    /// last vertex afterwards). False with a reason when the plan would deadlock: robots rotating around a cycle
    /// in one step each wait for the next to leave (a plan with such a rotation cannot be executed with occupancy).
    /// </summary>
    public static bool TryBuild(IReadOnlyList<int[]> vertexPaths, out ActionDependencyGraph? graph, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(vertexPaths);
        int robots = vertexPaths.Count;
        var actions = new AdgAction[robots][];
        // Leaving events per vertex: (step, robot, action index), appended in robot order then sorted by step.
        var leaving = new Dictionary<int, List<(int Step, int Robot, int Index)>>();
        for (int r = 0; r < robots; r++)
        {
            int[] path = vertexPaths[r];
            if (path.Length == 0)
            {
                throw new ArgumentException($"robot {r}: empty path", nameof(vertexPaths));
            }

            var list = new List<AdgAction>();
            for (int t = 0; t + 1 < path.Length; t++)
            {
                if (path[t] == path[t + 1])
                {
                    continue;
                }

                var action = new AdgAction(r, list.Count, path[t], path[t + 1], t);
                list.Add(action);
                if (!leaving.TryGetValue(path[t], out var events))
                {
                    events = [];
                    leaving.Add(path[t], events);
                }

                events.Add((t, r, action.Index));
            }

            actions[r] = [.. list];
        }

        foreach (var events in leaving.Values)
        {
            events.Sort((a, b) => a.Step.CompareTo(b.Step));
        }

        var dependencies = new (int Robot, int Index)[robots][][];
        for (int r = 0; r < robots; r++)
        {
            dependencies[r] = new (int, int)[actions[r].Length][];
            for (int k = 0; k < actions[r].Length; k++)
            {
                AdgAction a = actions[r][k];
                // Only the latest leaver of the target at or before this step matters: earlier leavers precede it
                // through the chain of entries and exits of that vertex.
                (int Robot, int Index)[] deps = [];
                if (leaving.TryGetValue(a.ToVertex, out var events))
                {
                    int latest = LatestAtOrBefore(events, a.PlanStep);
                    if (latest >= 0 && events[latest].Robot != r)
                    {
                        deps = [(events[latest].Robot, events[latest].Index)];
                    }
                }

                dependencies[r][k] = deps;
            }
        }

        var candidate = new ActionDependencyGraph(actions, dependencies);
        if (!candidate.IsAcyclic(out problem))
        {
            graph = null;
            return false;
        }

        graph = candidate;
        return true;
    }

    private static int LatestAtOrBefore(List<(int Step, int Robot, int Index)> events, int step)
    {
        int lo = 0, hi = events.Count - 1, found = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (events[mid].Step <= step)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return found;
    }

    // Kahn's algorithm over type-1 and type-2 edges.
    private bool IsAcyclic(out string? problem)
    {
        int robots = _actions.Length;
        var indegree = new int[robots][];
        var successors = new Dictionary<(int, int), List<(int, int)>>();
        for (int r = 0; r < robots; r++)
        {
            indegree[r] = new int[_actions[r].Length];
            for (int k = 0; k < _actions[r].Length; k++)
            {
                indegree[r][k] = (k > 0 ? 1 : 0) + _dependencies[r][k].Length;
                foreach (var d in _dependencies[r][k])
                {
                    if (!successors.TryGetValue(d, out var s))
                    {
                        s = [];
                        successors.Add(d, s);
                    }

                    s.Add((r, k));
                }
            }
        }

        var ready = new Queue<(int Robot, int Index)>();
        for (int r = 0; r < robots; r++)
        {
            if (_actions[r].Length > 0 && indegree[r][0] == 0)
            {
                ready.Enqueue((r, 0));
            }
        }

        int visited = 0;
        while (ready.Count > 0)
        {
            var (r, k) = ready.Dequeue();
            visited++;
            if (k + 1 < _actions[r].Length && --indegree[r][k + 1] == 0)
            {
                ready.Enqueue((r, k + 1));
            }

            if (successors.TryGetValue((r, k), out var next))
            {
                foreach (var (sr, sk) in next)
                {
                    if (--indegree[sr][sk] == 0)
                    {
                        ready.Enqueue((sr, sk));
                    }
                }
            }
        }

        int total = TotalActions;
        problem = visited == total ? null : $"{total - visited} of {total} moves wait on each other in a cycle (robots rotating in one step)";
        return visited == total;
    }
}
