namespace StrategicTech.Navigation.Planning.Mapf;

/// <summary>
/// PIBT (Okumura et al., AIJ 2022) as LaCAM's configuration generator: from one configuration it picks every
/// agent's next vertex in priority order, each agent taking the free candidate (neighbours and staying) nearest its
/// goal and pushing the agent occupying it by priority inheritance, so the result never has vertex or swap
/// conflicts. LaCAM's constraints fix some agents' next vertices beforehand. The swap rule (Okumura, "Engineering
/// LaCAM*", AAMAS 2024) lets two agents that must pass each other in a corridor do so: the pusher reverses its
/// preference and pulls the other agent behind it.
/// </summary>
internal sealed class PibtGenerator
{
    private const int None = -1;
    private const int MaxCandidates = 5;
    private readonly MapfGraph _graph;
    private readonly LazyDistanceTable _distance;
    private readonly int[] _goals;
    private readonly int[] _occupiedNow;
    private readonly int[] _occupiedNext;
    private readonly int[] _candidates;
    private readonly float[] _tieBreak;
    private readonly Random _random;
    private int[] _from = [];
    private int[] _to = [];

    public PibtGenerator(MapfGraph graph, LazyDistanceTable distance, int[] goals, Random random)
    {
        _graph = graph;
        _distance = distance;
        _goals = goals;
        _random = random;
        _occupiedNow = new int[graph.VertexCount];
        _occupiedNext = new int[graph.VertexCount];
        Array.Fill(_occupiedNow, None);
        Array.Fill(_occupiedNext, None);
        _candidates = new int[goals.Length * MaxCandidates];
        _tieBreak = new float[graph.VertexCount];
    }

    /// <summary>
    /// Scatter paths whose next vertex each agent tries first (Engineering LaCAM*), or null for plain PIBT.
    /// </summary>
    public ScatterGuide? Guide { get; set; }

    /// <summary>
    /// Fills <paramref name="to"/> with a successor of <paramref name="from"/> that satisfies every constraint
    /// of <paramref name="constraints"/>; false when the constraints conflict or an agent finds no move.
    /// </summary>
    public bool Generate(int[] from, LowLevelNode constraints, int[] order, int[] to)
    {
        _from = from;
        _to = to;
        Array.Fill(to, None);
        for (int i = 0; i < from.Length; i++)
        {
            _occupiedNow[from[i]] = i;
        }

        bool ok = ApplyConstraints(constraints);
        if (ok)
        {
            foreach (int i in order)
            {
                if (to[i] == None && !Push(i))
                {
                    ok = false;
                    break;
                }
            }
        }

        for (int i = 0; i < from.Length; i++)
        {
            _occupiedNow[from[i]] = None;
            if (to[i] != None)
            {
                _occupiedNext[to[i]] = None;
            }
        }

        return ok;
    }

    private bool ApplyConstraints(LowLevelNode node)
    {
        for (LowLevelNode? c = node; c is not null && c.Who >= 0; c = c.Parent)
        {
            int i = c.Who, v = c.Where;
            if (_occupiedNext[v] != None)
            {
                return false; // vertex conflict between two constraints
            }

            int j = _occupiedNow[v];
            if (j != None && j != i && _to[j] == _from[i])
            {
                return false; // swap conflict between two constraints
            }

            _to[i] = v;
            _occupiedNext[v] = i;
        }

        return true;
    }

    private bool Push(int i)
    {
        int here = _from[i];
        ReadOnlySpan<int> neighbors = _graph.Neighbors(here);
        int count = neighbors.Length + 1;
        Span<int> cand = _candidates.AsSpan(i * MaxCandidates, count);
        neighbors.CopyTo(cand);
        cand[^1] = here;
        foreach (int u in cand)
        {
            _tieBreak[u] = _random.NextSingle();
        }

        if (_graph.IsWeighted)
        {
            // A weighted graph's distance to goal leaves out the move there: it goes into the key, and waiting costs a
            // plain move, so the cheapest way on (cost of the move + distance after it) comes first.
            ReadOnlySpan<int> moveCost = _graph.NeighborCosts(here);
            for (int k = 0; k < neighbors.Length; k++)
            {
                _tieBreak[neighbors[k]] += moveCost[k];
            }

            _tieBreak[here] += MapfGraph.CostUnit;
        }

        // Insertion sort of at most five candidates by distance to goal, random tie-break.
        for (int a = 1; a < count; a++)
        {
            int u = cand[a];
            float key = _distance.Get(i, u) + _tieBreak[u];
            int b = a - 1;
            while (b >= 0 && _distance.Get(i, cand[b]) + _tieBreak[cand[b]] > key)
            {
                cand[b + 1] = cand[b];
                b--;
            }

            cand[b + 1] = u;
        }

        int hint = Guide?.NextOf(i, here) ?? None;
        if (hint != None && cand[0] != hint)
        {
            // The scatter path's next vertex goes first; the rest keep their nearest-to-goal order.
            int at = cand.IndexOf(hint);
            if (at > 0)
            {
                for (int k = at; k > 0; k--)
                {
                    cand[k] = cand[k - 1];
                }

                cand[0] = hint;
            }
        }

        int swapPartner = SwapPartner(i, cand[0]);
        if (swapPartner != None)
        {
            cand.Reverse();
        }

        for (int k = 0; k < count; k++)
        {
            int u = cand[k];
            if (_occupiedNext[u] != None)
            {
                continue;
            }

            int j = _occupiedNow[u];
            if (j != None && _to[j] == here)
            {
                continue; // would swap with j
            }

            _occupiedNext[u] = i;
            _to[i] = u;
            if (j != None && u != here && _to[j] == None && !Push(j))
            {
                continue;
            }

            if (k == 0 && swapPartner != None && _to[swapPartner] == None && _occupiedNext[here] == None)
            {
                _occupiedNext[here] = swapPartner;
                _to[swapPartner] = here;
            }

            return true;
        }

        _occupiedNext[here] = i;
        _to[i] = here;
        return false;
    }

    /// <summary>The agent i should swap with (by pulling it into its own vertex), or None.</summary>
    private int SwapPartner(int i, int best)
    {
        if (_graph.IsDirected)
        {
            return None; // a swap moves the partner back along the pusher's arc, which a one-way arc forbids
        }

        int here = _from[i];
        int j = _occupiedNow[best];
        if (j != None && j != i && _to[j] == None && SwapRequired(i, j, here, _from[j]) && SwapPossible(_from[j], here))
        {
            return j;
        }

        if (best != here)
        {
            foreach (int u in _graph.Neighbors(here))
            {
                int k = _occupiedNow[u];
                if (k != None && best != _from[k] && SwapRequired(k, i, here, best) && SwapPossible(best, here))
                {
                    return k;
                }
            }
        }

        return None;
    }

    /// <summary>
    /// Walks the corridor from the puller's side: a swap is needed when no branch (a vertex of degree ≥ 2 besides
    /// the way back) lets one agent step aside before the pusher has passed, and both gain by exchanging places.
    /// </summary>
    private bool SwapRequired(int pusher, int puller, int pusherVertex, int pullerVertex)
    {
        int vPusher = pusherVertex, vPuller = pullerVertex;
        while (_distance.Get(pusher, vPuller) < _distance.Get(pusher, vPusher))
        {
            int open = OpenExits(vPuller, vPusher, out int next);
            if (open >= 2)
            {
                return false;
            }

            if (open <= 0)
            {
                break;
            }

            vPusher = vPuller;
            vPuller = next;
        }

        return _distance.Get(puller, vPusher) < _distance.Get(puller, vPuller)
            && (_distance.Get(pusher, vPusher) == 0 || _distance.Get(pusher, vPuller) < _distance.Get(pusher, vPusher));
    }

    /// <summary>Simulates pulling along the corridor: possible when a branch is reached before a dead end.</summary>
    private bool SwapPossible(int pusherVertex, int pullerVertex)
    {
        int vPusher = pusherVertex, vPuller = pullerVertex;
        while (vPuller != pusherVertex)
        {
            int open = OpenExits(vPuller, vPusher, out int next);
            if (open >= 2)
            {
                return true;
            }

            if (open <= 0)
            {
                return false;
            }

            vPusher = vPuller;
            vPuller = next;
        }

        return false;
    }

    /// <summary>Exits of <paramref name="v"/> other than <paramref name="back"/> and dead ends parked at their goal.</summary>
    private int OpenExits(int v, int back, out int next)
    {
        int open = 0;
        next = None;
        foreach (int u in _graph.Neighbors(v))
        {
            int a = _occupiedNow[u];
            if (u == back || (_graph.Degree(u) == 1 && a != None && _goals[a] == u))
            {
                continue;
            }

            open++;
            next = u;
        }

        return open;
    }
}
