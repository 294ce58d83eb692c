using StrategicTech.Navigation.Numerics;
using StrategicTech.Navigation.Planning.Geometry2D;

namespace StrategicTech.Navigation.Planning.Uav;

/// <summary>
/// Shortest UAV paths around no-fly volumes: a 2-D visibility graph on the local NED plane searched with A*, with
/// altitude handled by bands.
/// <para>
/// Graph: each volume is grown by the clearance (the safety margin) into its Minkowski sum with a disc, and the
/// disc's arcs are replaced by circumscribed polygon arcs (at most 360°/<c>arcSegmentsPerCircle</c> per step),
/// so the graph's free space lies inside the true free space: every edge is checked exactly against every volume
/// (segment-to-polygon / segment-to-circle distance ≥ clearance) and against the inclusion areas. Nodes sit only at
/// convex corners of the grown obstacles (exclusion polygons' convex vertices, circles, inclusion polygons' reflex
/// vertices), where shortest paths bend. Paths are optimal over this graph and at most 1/cos(π/k) longer than the
/// true shortest path with exact discs.
/// </para>
/// <para>
/// Altitude: a path climbs vertically at the start to a cruise altitude, flies level, and descends vertically at
/// the goal. Cruise candidates are max(start, goal) and each volume's ceiling + margin up to the maximum altitude;
/// at a cruise altitude only volumes whose band (± margin) contains it are obstacles, so low volumes are overflown
/// when that is shorter than going round. The cheapest candidate (level length + climb + descent) wins.
/// </para>
/// <para>Everything a query needs is allocated in the constructor: <see cref="Plan"/> allocates nothing.</para>
/// </summary>
public sealed class VisibilityGraphPlanner
{
    private const ulong InclusionBit = 1UL << 63;
    private const int MaxVolumes = 63;
    private const double MinimumClearanceM = 1e-3;

    private readonly UavAirspace _airspace;
    private readonly NoFlyVolume[] _volumes;
    private readonly double _clearanceM;
    private readonly Vec2[] _nodes;
    private readonly ulong[] _nodeMask;
    private readonly ulong[] _edgeMask;
    private readonly double[] _edgeLength;

    // Query buffers (index n = start, n + 1 = goal).
    private readonly ulong[] _startMask;
    private readonly ulong[] _goalMask;
    private readonly bool[] _goalMaskKnown;
    private readonly double[] _startLength;
    private readonly double[] _goalLength;
    private readonly double[] _startPointDistance;
    private readonly double[] _goalPointDistance;
    private readonly double[] _cost;
    private readonly double[] _estimate;
    private readonly int[] _previous;
    private readonly bool[] _closed;
    private readonly int[] _bestRoute;
    private readonly double[] _cruiseCandidates;

    public VisibilityGraphPlanner(UavAirspace airspace, int arcSegmentsPerCircle = 32)
    {
        ArgumentNullException.ThrowIfNull(airspace);
        if (airspace.Volumes.Count > MaxVolumes)
        {
            throw new NotSupportedException($"at most {MaxVolumes} no-fly volumes per planner, got {airspace.Volumes.Count}");
        }

        if (arcSegmentsPerCircle < 8)
        {
            throw new ArgumentOutOfRangeException(nameof(arcSegmentsPerCircle), arcSegmentsPerCircle, "use at least 8 arc segments per circle");
        }

        _airspace = airspace;
        _volumes = [.. airspace.Volumes];
        _clearanceM = Math.Max(airspace.SafetyMarginM, MinimumClearanceM);
        ArcSegmentsPerCircle = arcSegmentsPerCircle;

        var nodes = new List<Vec2>();
        double maxStep = 2 * Math.PI / arcSegmentsPerCircle;
        foreach (NoFlyVolume volume in _volumes)
        {
            if (volume.Ring is null)
            {
                double radius = NodeRadius(volume.RadiusM + _clearanceM, maxStep);
                for (int i = 0; i < arcSegmentsPerCircle; i++)
                {
                    nodes.Add(volume.Center + (Vec2.FromHeading((i + 0.5) * maxStep) * radius));
                }
            }
            else
            {
                AddCornerNodes(nodes, volume.Ring, outward: true, maxStep);
            }
        }

        foreach (Vec2[] ring in airspace.InclusionPolygons)
        {
            AddCornerNodes(nodes, ring, outward: false, maxStep);
        }

        // Drop nodes outside the flyable area: they can never be used.
        nodes.RemoveAll(p => !airspace.InsideInclusion(p, p));
        _nodes = [.. nodes];
        int n = _nodes.Length;
        _nodeMask = new ulong[n];
        for (int i = 0; i < n; i++)
        {
            _nodeMask[i] = SegmentMask(_nodes[i], _nodes[i], checkInclusion: false);
        }

        _edgeMask = new ulong[n * n];
        _edgeLength = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                ulong mask = SegmentMask(_nodes[i], _nodes[j], checkInclusion: true);
                double length = Vec2.Distance(_nodes[i], _nodes[j]);
                _edgeMask[(i * n) + j] = _edgeMask[(j * n) + i] = mask;
                _edgeLength[(i * n) + j] = _edgeLength[(j * n) + i] = length;
            }
        }

        _startMask = new ulong[n];
        _goalMask = new ulong[n];
        _goalMaskKnown = new bool[n];
        _startLength = new double[n];
        _goalLength = new double[n];
        _startPointDistance = new double[_volumes.Length];
        _goalPointDistance = new double[_volumes.Length];
        _cost = new double[n + 2];
        _estimate = new double[n + 2];
        _previous = new int[n + 2];
        _closed = new bool[n + 2];
        _bestRoute = new int[n + 2];
        _cruiseCandidates = new double[_volumes.Length + 1];
    }

    public int ArcSegmentsPerCircle { get; }

    public int NodeCount => _nodes.Length;

    /// <summary>Graph nodes on the local NED plane (for inspection and tests).</summary>
    public ReadOnlySpan<Vec2> Nodes => _nodes;

    /// <summary>Capacity a path span needs: start, climb, every node, descent, goal.</summary>
    public int MaxPathPoints => _nodes.Length + 4;

    /// <summary>
    /// Plans from <paramref name="startNed"/> to <paramref name="goalNed"/> (NED metres: altitude is −Z) and writes the
    /// 3-D path, start and goal included, into <paramref name="pathNed"/>. Allocation-free.
    /// </summary>
    public UavPlanResult Plan(Vector3 startNed, Vector3 goalNed, Span<Vector3> pathNed)
    {
        if (pathNed.Length < MaxPathPoints)
        {
            return new UavPlanResult(UavPlanStatus.PathBufferTooSmall, 0, 0, 0);
        }

        var start = new Vec2(startNed.X, startNed.Y);
        var goal = new Vec2(goalNed.X, goalNed.Y);
        double startAlt = -startNed.Z;
        double goalAlt = -goalNed.Z;
        if (startAlt > _airspace.MaxAltitudeM || goalAlt > _airspace.MaxAltitudeM)
        {
            return new UavPlanResult(UavPlanStatus.AboveMaxAltitude, 0, 0, 0);
        }

        if (!PointFree(start, startAlt, _startPointDistance))
        {
            return new UavPlanResult(UavPlanStatus.StartBlocked, 0, 0, 0);
        }

        if (!PointFree(goal, goalAlt, _goalPointDistance))
        {
            return new UavPlanResult(UavPlanStatus.GoalBlocked, 0, 0, 0);
        }

        int n = _nodes.Length;
        for (int i = 0; i < n; i++)
        {
            // Nodes and the start are inside the flyable area; with convex inclusion areas so is the segment between them.
            _startMask[i] = SegmentMask(start, _nodes[i], checkInclusion: !_airspace.InclusionsConvex);
            _goalMaskKnown[i] = false; // computed on first use: A* settles few nodes near a clear goal
            _startLength[i] = Vec2.Distance(start, _nodes[i]);
            _goalLength[i] = Vec2.Distance(goal, _nodes[i]);
        }

        ulong directMask = SegmentMask(start, goal, checkInclusion: true);
        double straight = Vec2.Distance(start, goal);

        int candidateCount = CruiseCandidates(Math.Max(startAlt, goalAlt));
        double bestCost = double.PositiveInfinity;
        double bestCruise = 0;
        int bestRouteLength = 0;
        for (int c = 0; c < candidateCount; c++)
        {
            double cruise = _cruiseCandidates[c];
            double vertical = (cruise - startAlt) + (cruise - goalAlt);
            if (straight + vertical >= bestCost)
            {
                break; // candidates ascend, so no later one can win
            }

            if (!ColumnFree(_startPointDistance, startAlt, cruise) || !ColumnFree(_goalPointDistance, goalAlt, cruise))
            {
                continue;
            }

            ulong active = InclusionBit;
            for (int v = 0; v < _volumes.Length; v++)
            {
                if (_volumes[v].BandTouches(cruise, cruise, _clearanceM))
                {
                    active |= 1UL << v;
                }
            }

            double level = (directMask & active) == 0 ? straight : Search(goal, active);
            if (level + vertical < bestCost)
            {
                bestCost = level + vertical;
                bestCruise = cruise;
                bestRouteLength = (directMask & active) == 0 ? 0 : CopyRoute();
            }
        }

        if (double.IsPositiveInfinity(bestCost))
        {
            return new UavPlanResult(UavPlanStatus.NoPath, 0, 0, 0);
        }

        int count = 0;
        pathNed[count++] = startNed;
        if (bestCruise != startAlt)
        {
            pathNed[count++] = new Vector3(start.X, start.Y, -bestCruise);
        }

        for (int i = 0; i < bestRouteLength; i++)
        {
            Vec2 node = _nodes[_bestRoute[i]];
            pathNed[count++] = new Vector3(node.X, node.Y, -bestCruise);
        }

        if (bestCruise != goalAlt)
        {
            pathNed[count++] = new Vector3(goal.X, goal.Y, -bestCruise);
        }

        pathNed[count++] = goalNed;
        return new UavPlanResult(UavPlanStatus.Found, bestCost, bestCruise, count);
    }

    /// <summary>A* over the dense graph (start = n, goal = n + 1); returns the level length or +∞.</summary>
    private double Search(Vec2 goal, ulong active)
    {
        int n = _nodes.Length;
        int startIndex = n;
        int goalIndex = n + 1;
        for (int i = 0; i < n + 2; i++)
        {
            _cost[i] = double.PositiveInfinity;
            _closed[i] = false;
            _previous[i] = -1;
        }

        for (int i = 0; i < n; i++)
        {
            _estimate[i] = _goalLength[i];
        }

        _estimate[goalIndex] = 0;
        _cost[startIndex] = 0;
        _estimate[startIndex] = 0;
        while (true)
        {
            int u = -1;
            double bestF = double.PositiveInfinity;
            for (int i = 0; i < n + 2; i++)
            {
                if (!_closed[i] && _cost[i] + _estimate[i] < bestF)
                {
                    bestF = _cost[i] + _estimate[i];
                    u = i;
                }
            }

            if (u < 0)
            {
                return double.PositiveInfinity;
            }

            if (u == goalIndex)
            {
                return _cost[goalIndex];
            }

            _closed[u] = true;
            double cu = _cost[u];
            if (u == startIndex)
            {
                for (int v = 0; v < n; v++)
                {
                    if ((_startMask[v] & active) == 0 && (_nodeMask[v] & active) == 0)
                    {
                        Relax(v, u, cu + _startLength[v]);
                    }
                }

                continue;
            }

            if (!_goalMaskKnown[u])
            {
                _goalMask[u] = SegmentMask(goal, _nodes[u], checkInclusion: !_airspace.InclusionsConvex);
                _goalMaskKnown[u] = true;
            }

            if ((_goalMask[u] & active) == 0)
            {
                Relax(goalIndex, u, cu + _goalLength[u]);
            }

            int row = u * n;
            for (int v = 0; v < n; v++)
            {
                if (!_closed[v] && (_edgeMask[row + v] & active) == 0 && (_nodeMask[v] & active) == 0 && v != u)
                {
                    Relax(v, u, cu + _edgeLength[row + v]);
                }
            }
        }
    }

    private void Relax(int v, int from, double cost)
    {
        if (cost < _cost[v])
        {
            _cost[v] = cost;
            _previous[v] = from;
        }
    }

    /// <summary>Copies the intermediate nodes of the last search (start and goal excluded) in order; returns their count.</summary>
    private int CopyRoute()
    {
        int n = _nodes.Length;
        int count = 0;
        for (int v = _previous[n + 1]; v != n; v = _previous[v])
        {
            _bestRoute[count++] = v;
        }

        _bestRoute.AsSpan(0, count).Reverse();
        return count;
    }

    private int CruiseCandidates(double baseAlt)
    {
        int count = 0;
        _cruiseCandidates[count++] = baseAlt;
        foreach (NoFlyVolume volume in _volumes)
        {
            double over = volume.Band.CeilingM + _clearanceM;
            if (double.IsFinite(over) && over > baseAlt && over <= _airspace.MaxAltitudeM)
            {
                _cruiseCandidates[count++] = over;
            }
        }

        // Insertion sort: a handful of values, no allocation.
        for (int i = 1; i < count; i++)
        {
            double x = _cruiseCandidates[i];
            int j = i - 1;
            while (j >= 0 && _cruiseCandidates[j] > x)
            {
                _cruiseCandidates[j + 1] = _cruiseCandidates[j];
                j--;
            }

            _cruiseCandidates[j + 1] = x;
        }

        return count;
    }

    private bool PointFree(Vec2 p, double altitude, double[] distances)
    {
        if (!_airspace.InsideInclusion(p, p))
        {
            return false;
        }

        bool free = true;
        for (int v = 0; v < _volumes.Length; v++)
        {
            distances[v] = _volumes[v].SegmentDistance(p, p);
            if (distances[v] < _clearanceM && _volumes[v].BandTouches(altitude, altitude, _clearanceM))
            {
                free = false;
            }
        }

        return free;
    }

    private bool ColumnFree(double[] distances, double fromAlt, double toAlt)
    {
        for (int v = 0; v < _volumes.Length; v++)
        {
            if (distances[v] < _clearanceM && _volumes[v].BandTouches(Math.Min(fromAlt, toAlt), Math.Max(fromAlt, toAlt), _clearanceM))
            {
                return false;
            }
        }

        return true;
    }

    private ulong SegmentMask(Vec2 a, Vec2 b, bool checkInclusion)
    {
        ulong mask = 0;
        for (int v = 0; v < _volumes.Length; v++)
        {
            if (_volumes[v].SegmentWithin(a, b, _clearanceM))
            {
                mask |= 1UL << v;
            }
        }

        if (checkInclusion && !_airspace.InsideInclusion(a, b))
        {
            mask |= InclusionBit;
        }

        return mask;
    }

    /// <summary>Corner nodes of a ring grown by the clearance: outward at convex vertices (exclusion), inward at reflex ones (inclusion).</summary>
    private void AddCornerNodes(List<Vec2> nodes, Vec2[] ring, bool outward, double maxStep)
    {
        int count = ring.Length;
        for (int i = 0; i < count; i++)
        {
            Vec2 previous = ring[(i + count - 1) % count];
            Vec2 vertex = ring[i];
            Vec2 next = ring[(i + 1) % count];
            Vec2 e1 = (vertex - previous).Normalized();
            Vec2 e2 = (next - vertex).Normalized();
            double turn = Vec2.Cross(e1, e2);
            if (outward ? turn <= 0 : turn >= 0)
            {
                continue; // not a corner the free space wraps around
            }

            // Counter-clockwise rings: the outside is to the right of each edge, the inside to the left.
            Vec2 n1 = outward ? new Vec2(e1.Y, -e1.X) : new Vec2(-e1.Y, e1.X);
            Vec2 n2 = outward ? new Vec2(e2.Y, -e2.X) : new Vec2(-e2.Y, e2.X);
            double sweep = Math.Atan2(Vec2.Cross(n1, n2), Vec2.Dot(n1, n2));
            int steps = Math.Max(1, (int)Math.Ceiling((Math.Abs(sweep) / maxStep) - 1e-9));
            double step = sweep / steps;
            double radius = NodeRadius(_clearanceM, Math.Abs(step));
            double a1 = Math.Atan2(n1.Y, n1.X);
            for (int k = 0; k < steps; k++)
            {
                nodes.Add(vertex + (Vec2.FromHeading(a1 + ((k + 0.5) * step)) * radius));
            }
        }
    }

    /// <summary>Vertex radius of a polygon circumscribing a disc of the given radius with the given angular step, with a little slack for rounding.</summary>
    private static double NodeRadius(double discRadius, double step) => ((discRadius * (1 + 1e-6)) + 1e-6) / Math.Cos(step / 2);
}
