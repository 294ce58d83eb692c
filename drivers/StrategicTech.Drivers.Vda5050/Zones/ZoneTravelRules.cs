using StrategicTech.Drivers.Vda5050.Messages;

namespace StrategicTech.Drivers.Vda5050.Zones;

/// <summary>
/// What the 3.0 zone types that bind travel allow, for one straight move from (x0, y0) to (x1, y1) (metres, project
/// frame). Master and AGV use the same rules, so the master's planner never sends an order the AGV refuses:
/// <list type="bullet">
/// <item>BLOCKED: no move may touch the zone (the point robot's centre on its polygon, border included).</item>
/// <item>DIRECTED: SOFT allows every heading (the planner makes headings against the direction dearer, see
/// <see cref="CostFactor"/>); RESTRICTED forbids a heading with a component against the direction (more than 90°
/// off); STRICT allows only headings within <see cref="StrictToleranceRad"/> of it.</item>
/// <item>BIDIRECTED: the same against the direction and its opposite; SOFT allows all, RESTRICTED only headings within
/// <see cref="StrictToleranceRad"/> of either.</item>
/// <item>LINE_GUIDED: the robot follows the edge's line: an edge there may not give it a corridor to leave the line.</item>
/// <item>PRIORITY / PENALTY: allowed; they weigh a move (<see cref="CostFactor"/>), for the master's planner.</item>
/// </list>
/// A zone binds a move when the move's segment touches its polygon. Allocation-free.
/// </summary>
public static class ZoneTravelRules
{
    /// <summary>
    /// The precision of a STRICT direction (and of a RESTRICTED bidirection): 45°, the least that lets a robot on a
    /// grid of axis-aligned edges follow a diagonal direction in a staircase; a straight edge within it keeps to the direction.
    /// </summary>
    public const double StrictToleranceRad = Math.PI / 4;

    /// <summary>A small angle so a heading exactly on a tolerance's bound (an axis edge against a diagonal direction) is allowed on both sides of the wire's rounding.</summary>
    private const double AngleSlackRad = 1e-6;

    /// <summary>The cost factor of a PENALTY zone with factor 1: the move is taken only when there is no other way.</summary>
    public const double MaximumPenaltyFactor = 1e6;

    /// <summary>The cost factor of a PRIORITY zone with factor 1 (0 would make a detour through it free).</summary>
    public const double MaximumPriorityCostFactor = 0.125;

    /// <summary>Whether the zone's polygon touches the segment (an end inside, or an edge of the polygon crossing it).</summary>
    public static bool Touches(Zone zone, double x0M, double y0M, double x1M, double y1M)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (ZonePolygon.Contains(zone, x0M, y0M) || ZonePolygon.Contains(zone, x1M, y1M))
        {
            return true;
        }

        List<ZoneVertex> v = zone.Vertices;
        for (int i = 0, j = v.Count - 1; i < v.Count; j = i++)
        {
            if (SegmentsIntersect(x0M, y0M, x1M, y1M, v[j].XM, v[j].YM, v[i].XM, v[i].YM))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Null when the move may be made in this zone; otherwise why not (the zone binds the move: the caller checked <see cref="Touches"/>).</summary>
    public static string? Violation(Zone zone, double x0M, double y0M, double x1M, double y1M)
    {
        ArgumentNullException.ThrowIfNull(zone);
        double dx = x1M - x0M, dy = y1M - y0M;
        bool moves = (dx * dx) + (dy * dy) > 1e-18;
        double off = moves && zone.DirectionRad is double d ? AngleBetween(Math.Atan2(dy, dx), d) : 0;
        return zone.ZoneType switch
        {
            ZoneType.Blocked => $"BLOCKED zone '{zone.ZoneId}' may not be entered",
            ZoneType.Directed when moves && zone.DirectedLimitation == DirectedLimitation.Restricted && off > (Math.PI / 2) + AngleSlackRad =>
                $"DIRECTED zone '{zone.ZoneId}' (RESTRICTED) may not be crossed {Degrees(off)}° against its direction",
            ZoneType.Directed when moves && zone.DirectedLimitation == DirectedLimitation.Strict && off > StrictToleranceRad + AngleSlackRad =>
                $"DIRECTED zone '{zone.ZoneId}' (STRICT) may not be crossed {Degrees(off)}° off its direction",
            ZoneType.Bidirected when moves && zone.BidirectedLimitation == BidirectedLimitation.Restricted && Math.Min(off, Math.PI - off) > StrictToleranceRad + AngleSlackRad =>
                $"BIDIRECTED zone '{zone.ZoneId}' (RESTRICTED) may not be crossed {Degrees(Math.Min(off, Math.PI - off))}° off its directions",
            _ => null,
        };
    }

    /// <summary>
    /// How much dearer (above 1) or cheaper (below 1) the master's planner makes a move this zone binds: PENALTY
    /// 1 / (1 − f) (0: as without zone, 0.5: twice, 1: <see cref="MaximumPenaltyFactor"/>), PRIORITY 1 − f·(1 − <see
    /// cref="MaximumPriorityCostFactor"/>) (0: as without zone, 1: an eighth), a SOFT DIRECTED zone crossed against
    /// its direction or a SOFT BIDIRECTED one off its directions (more than the tolerance) 2; 1 otherwise.
    /// </summary>
    public static double CostFactor(Zone zone, double x0M, double y0M, double x1M, double y1M)
    {
        ArgumentNullException.ThrowIfNull(zone);
        double dx = x1M - x0M, dy = y1M - y0M;
        double off = zone.DirectionRad is double d && (dx * dx) + (dy * dy) > 1e-18 ? AngleBetween(Math.Atan2(dy, dx), d) : 0;
        return zone.ZoneType switch
        {
            ZoneType.Penalty when zone.PenaltyFactor is double f => f >= 1 ? MaximumPenaltyFactor : Math.Min(MaximumPenaltyFactor, 1 / (1 - f)),
            ZoneType.Priority when zone.PriorityFactor is double f => 1 - (f * (1 - MaximumPriorityCostFactor)),
            ZoneType.Directed when zone.DirectedLimitation == DirectedLimitation.Soft && off > (Math.PI / 2) + AngleSlackRad => 2,
            ZoneType.Bidirected when zone.BidirectedLimitation == BidirectedLimitation.Soft && Math.Min(off, Math.PI - off) > StrictToleranceRad + AngleSlackRad => 2,
            _ => 1,
        };
    }

    /// <summary>
    /// Checks an order's edges and nodes against a zone set as the AGV must before it drives them: null when all may
    /// be driven; otherwise the first edge that may not (or, after the edges, a node in a BLOCKED zone), the zone and
    /// why. Edges need their nodes' positions; an edge whose end has none is judged by nothing (free navigation to an
    /// unknown point cannot be checked).
    /// </summary>
    public static ZoneOrderViolation? CheckOrder(ZoneSetDefinition? set, IReadOnlyList<Node> nodes, IReadOnlyList<Edge> edges)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(edges);
        if (set is null)
        {
            return null;
        }

        for (int i = 0; i < edges.Count; i++)
        {
            Edge edge = edges[i];
            NodePosition? a = FindPosition(nodes, edge.StartNodeId, edge.SequenceId - 1);
            NodePosition? b = FindPosition(nodes, edge.EndNodeId, edge.SequenceId + 1);
            if (a is null || b is null)
            {
                continue;
            }

            foreach (Zone zone in set.Zones)
            {
                if (!Touches(zone, a.XM, a.YM, b.XM, b.YM))
                {
                    continue;
                }

                string? why = Violation(zone, a.XM, a.YM, b.XM, b.YM);
                if (why is null && zone.ZoneType == ZoneType.LineGuided && edge.Corridor is Corridor c && (c.LeftWidthM > 0 || c.RightWidthM > 0))
                {
                    why = $"LINE_GUIDED zone '{zone.ZoneId}': the robot follows the edge's line, a corridor may not let it leave it";
                }

                if (why is not null)
                {
                    return new ZoneOrderViolation(edge.EdgeId, null, zone.ZoneId, $"edge '{edge.EdgeId}': {why}");
                }
            }
        }

        foreach (Node node in nodes)
        {
            if (node.NodePosition is NodePosition p)
            {
                foreach (Zone zone in set.Zones)
                {
                    if (zone.ZoneType == ZoneType.Blocked && ZonePolygon.Contains(zone, p.XM, p.YM))
                    {
                        return new ZoneOrderViolation(null, node.NodeId, zone.ZoneId, $"node '{node.NodeId}' lies in BLOCKED zone '{zone.ZoneId}'");
                    }
                }
            }
        }

        return null;
    }

    private static NodePosition? FindPosition(IReadOnlyList<Node> nodes, string nodeId, uint sequenceId)
    {
        foreach (Node n in nodes)
        {
            if (n.NodeId == nodeId && n.SequenceId == sequenceId)
            {
                return n.NodePosition;
            }
        }

        return null;
    }

    /// <summary>The angle between two headings, in [0, π].</summary>
    private static double AngleBetween(double aRad, double bRad)
    {
        double d = Math.IEEERemainder(aRad - bRad, 2 * Math.PI);
        return Math.Abs(d);
    }

    private static string Degrees(double rad) => (rad * 180 / Math.PI).ToString("0", System.Globalization.CultureInfo.InvariantCulture);

    private static bool SegmentsIntersect(double ax, double ay, double bx, double by, double cx, double cy, double dx, double dy)
    {
        double d1 = Cross(cx, cy, dx, dy, ax, ay), d2 = Cross(cx, cy, dx, dy, bx, by);
        double d3 = Cross(ax, ay, bx, by, cx, cy), d4 = Cross(ax, ay, bx, by, dx, dy);
        if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)))
        {
            return true;
        }

        // Collinear or touching ends: an end of one on the other.
        return (d1 == 0 && Within(cx, cy, dx, dy, ax, ay)) || (d2 == 0 && Within(cx, cy, dx, dy, bx, by))
            || (d3 == 0 && Within(ax, ay, bx, by, cx, cy)) || (d4 == 0 && Within(ax, ay, bx, by, dx, dy));
    }

    private static double Cross(double ax, double ay, double bx, double by, double px, double py) => ((bx - ax) * (py - ay)) - ((by - ay) * (px - ax));

    private static bool Within(double ax, double ay, double bx, double by, double px, double py) =>
        px >= Math.Min(ax, bx) && px <= Math.Max(ax, bx) && py >= Math.Min(ay, by) && py <= Math.Max(ay, by);
}

/// <summary>An order part the AGV refuses because of a zone: the edge (or node) and the zone, and why.</summary>
public sealed record ZoneOrderViolation(string? EdgeId, string? NodeId, string ZoneId, string Description);
