namespace StrategicTech.Navigation.Planning.Mapf;

/// <summary>
/// Anytime improvement of a solution by large neighbourhood search (MAPF-LNS, Li et al., IJCAI 2021; the iterative
/// refinement lacam3 runs after LaCAM's first solution, Okumura 2024): repeatedly take two agents out, replan
/// them one by one in random order with space-time A* around everyone else's paths (prioritised planning), and keep
/// the new paths when their sum-of-costs is not larger than the old ones'. Neighbourhoods are mostly agent-based:
/// a delayed agent together with the agents that occupy its shortest route while it could be there, the agents
/// that delay it; otherwise random agents. Every accepted state is conflict-free, so the solution stays valid at
/// every iteration and its sum-of-costs never rises.
/// </summary>
internal sealed class LnsRefiner
{
    /// <summary>
    /// Agents per neighbourhood. Measured on warehouse-10-20-10-2-1 at N = 800 (10 s): SOC/LB 2.101 / 2.056 /
    /// 2.173 / 2.284 with 1 / 2 / 4 / 8 agents, and 2.305 with an adaptive choice among 2..16: when the warehouse is
    /// crowded, more small replans beat fewer large ones.
    /// </summary>
    private const int NeighborhoodSize = 2;
    private const double RandomNeighborhoodShare = 0.2;
    private readonly MapfGraph _graph;
    private readonly int[] _starts;
    private readonly int[] _goals;
    private readonly LazyDistanceTable _distance;
    private readonly Random _random;
    private readonly ReservationTable _table;
    private readonly SpaceTimeAStar _astar;
    private readonly int _agents;
    private readonly int _maxExpansions;
    private readonly List<int> _delayed = [];
    private readonly List<int> _candidates = [];
    private readonly HashSet<int> _candidateSet = [];
    private readonly HashSet<int> _chosen = [];
    private readonly List<int> _neighborhood = [];

    public LnsRefiner(MapfGraph graph, int[] starts, int[] goals, LazyDistanceTable distance, Random random)
    {
        _graph = graph;
        _starts = starts;
        _goals = goals;
        _distance = distance;
        _random = random;
        _agents = starts.Length;
        _table = new ReservationTable(graph.VertexCount, goals);
        _astar = new SpaceTimeAStar(graph, distance);
        _maxExpansions = (4 * graph.VertexCount) + 1000; // a replan that needs more is dropped (the neighbourhood is rejected)
    }

    /// <summary>Iterations run and accepted; <paramref name="paths"/> (start to final arrival per agent) is improved in place.</summary>
    public (int Iterations, int Accepted) Refine(int[][] paths, MapfLimits limits, long deadlineUs)
    {
        long lowerBound = 0, soc = 0;
        for (int i = 0; i < _agents; i++)
        {
            _table.Add(i, paths[i]);
            lowerBound += _distance.Get(i, _starts[i]);
            soc += paths[i].Length - 1;
        }

        // Stop when nothing improved for a long stretch (tiny instances converge at once) or the bound is reached.
        int stallLimit = Math.Max(1000, 50 * _agents);
        int iterations = 0, accepted = 0, stall = 0;
        var oldPaths = new int[NeighborhoodSize][];
        while (soc > lowerBound && stall < stallLimit && limits.Clock.TimeUs < deadlineUs && !limits.Cancellation.IsCancellationRequested)
        {
            iterations++;
            ChooseNeighborhood(paths);
            long before = 0;
            for (int k = 0; k < _neighborhood.Count; k++)
            {
                int a = _neighborhood[k];
                oldPaths[k] = paths[a];
                before += paths[a].Length - 1;
                _table.Remove(a, paths[a]);
            }

            // What the agents not yet replanned need at least (their shortest paths): the budget left for each
            // replan is the old cost minus what is spent so far minus that, so a hopeless search stops early.
            long restLowerBound = 0;
            for (int k = 0; k < _neighborhood.Count; k++)
            {
                restLowerBound += _distance.Get(_neighborhood[k], _starts[_neighborhood[k]]);
            }

            long after = 0;
            int planned = 0;
            for (; planned < _neighborhood.Count; planned++)
            {
                int a = _neighborhood[planned];
                restLowerBound -= _distance.Get(a, _starts[a]);
                int[]? path = _astar.Plan(a, _starts[a], _goals[a], _table, _maxExpansions, before - after - restLowerBound);
                if (path is null || (after += path.Length - 1) > before)
                {
                    break;
                }

                paths[a] = path;
                _table.Add(a, path);
            }

            if (planned == _neighborhood.Count)
            {
                accepted++;
                stall = after < before ? 0 : stall + 1;
                soc += after - before;
                continue;
            }

            stall++;
            for (int k = 0; k < planned; k++)
            {
                _table.Remove(_neighborhood[k], paths[_neighborhood[k]]);
            }

            for (int k = 0; k < _neighborhood.Count; k++)
            {
                int a = _neighborhood[k];
                paths[a] = oldPaths[k];
                _table.Add(a, paths[a]);
            }
        }

        return (iterations, accepted);
    }

    private void ChooseNeighborhood(int[][] paths)
    {
        _neighborhood.Clear();
        _chosen.Clear();
        int size = Math.Min(NeighborhoodSize, _agents);
        _delayed.Clear();
        for (int i = 0; i < _agents; i++)
        {
            if (paths[i].Length - 1 > _distance.Get(i, _starts[i]))
            {
                _delayed.Add(i);
            }
        }

        if (_delayed.Count > 0 && _random.NextDouble() >= RandomNeighborhoodShare)
        {
            // The most delayed of three random delayed agents, and the agents in its way.
            int a = _delayed[_random.Next(_delayed.Count)];
            for (int k = 0; k < 2; k++)
            {
                int b = _delayed[_random.Next(_delayed.Count)];
                if (Delay(paths, b) > Delay(paths, a))
                {
                    a = b;
                }
            }

            Take(a);
            CollectBlockers(a, Delay(paths, a));
            _random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_candidates));
            foreach (int b in _candidates)
            {
                if (_neighborhood.Count >= size)
                {
                    break;
                }

                Take(b);
            }
        }

        while (_neighborhood.Count < size)
        {
            Take(_random.Next(_agents));
        }

        _random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_neighborhood)); // the planning order
    }

    private int Delay(int[][] paths, int agent) => paths[agent].Length - 1 - _distance.Get(agent, _starts[agent]);

    private void Take(int agent)
    {
        if (_chosen.Add(agent))
        {
            _neighborhood.Add(agent);
        }
    }

    /// <summary>
    /// Agents that occupy one shortest route of <paramref name="agent"/> (random among equals) at the times it would
    /// pass there, anywhere between no delay and its present delay.
    /// </summary>
    private void CollectBlockers(int agent, int delay)
    {
        _candidates.Clear();
        _candidateSet.Clear();
        int v = _starts[agent];
        for (int step = 0; ; step++)
        {
            for (int t = step; t <= step + delay; t++)
            {
                int b = _table.At(t, v);
                if (b != ReservationTable.Free && b != agent && _candidateSet.Add(b))
                {
                    _candidates.Add(b);
                }
            }

            int d = _distance.Get(agent, v);
            if (d == 0)
            {
                return;
            }

            int next = -1, ties = 0;
            foreach (int w in _graph.Neighbors(v))
            {
                if (_distance.Get(agent, w) == d - 1 && _random.Next(++ties) == 0)
                {
                    next = w;
                }
            }

            v = next;
        }
    }
}
