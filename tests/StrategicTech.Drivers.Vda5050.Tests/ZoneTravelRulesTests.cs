using StrategicTech.Drivers.Vda5050.Messages;
using StrategicTech.Drivers.Vda5050.Zones;

namespace StrategicTech.Drivers.Vda5050.Tests;

/// <summary>The AGV's check of an order against the 3.0 zones that bind travel, and the cost factors the master plans with.</summary>
public sealed class ZoneTravelRulesTests
{
    private static List<ZoneVertex> Square(double x0, double y0, double x1, double y1) =>
        [new() { XM = x0, YM = y0 }, new() { XM = x1, YM = y0 }, new() { XM = x1, YM = y1 }, new() { XM = x0, YM = y1 }];

    private static ZoneSetDefinition SetOf(params Zone[] zones) => new() { MapId = "hall", ZoneSetId = "zs", Zones = [.. zones] };

    /// <summary>An order of straight edges through the points, nodes n0, n1, … at sequence ids 0, 2, …</summary>
    private static (List<Node> Nodes, List<Edge> Edges) Route(params (double X, double Y)[] points)
    {
        var nodes = points.Select((p, i) => new Node
        {
            NodeId = "n" + i, SequenceId = (uint)(2 * i), Released = true, Actions = [],
            NodePosition = new NodePosition { XM = p.X, YM = p.Y, MapId = "hall" },
        }).ToList();
        var edges = Enumerable.Range(0, points.Length - 1).Select(i => new Edge
        {
            EdgeId = $"e{i}", SequenceId = (uint)((2 * i) + 1), Released = true, StartNodeId = "n" + i, EndNodeId = "n" + (i + 1), Actions = [],
        }).ToList();
        return (nodes, edges);
    }

    private static ZoneOrderViolation? Check(ZoneSetDefinition set, params (double X, double Y)[] points)
    {
        (List<Node> nodes, List<Edge> edges) = Route(points);
        return ZoneTravelRules.CheckOrder(set, nodes, edges);
    }

    [Fact]
    public void An_edge_crossing_a_blocked_zone_with_both_ends_outside_is_refused_naming_edge_and_zone_and_one_beside_it_passes()
    {
        ZoneSetDefinition set = SetOf(new Zone { ZoneId = "spill", ZoneType = ZoneType.Blocked, Vertices = Square(2, -1, 3, 1) });
        ZoneOrderViolation v = Assert.IsType<ZoneOrderViolation>(Check(set, (0, 0), (1, 0), (5, 0)));
        Assert.Equal("e1", v.EdgeId);
        Assert.Equal("spill", v.ZoneId);
        Assert.Contains("BLOCKED", v.Description, StringComparison.Ordinal);
        Assert.Null(Check(set, (0, 2), (5, 2)));       // 1 m beside it
        Assert.NotNull(Check(set, (0, 1), (5, 1)));    // along its border: the border counts as inside
    }

    [Fact]
    public void A_node_in_a_blocked_zone_is_refused_even_without_edges()
    {
        ZoneSetDefinition set = SetOf(new Zone { ZoneId = "spill", ZoneType = ZoneType.Blocked, Vertices = Square(2, -1, 3, 1) });
        ZoneOrderViolation v = Assert.IsType<ZoneOrderViolation>(Check(set, (2.5, 0)));
        Assert.Equal("n0", v.NodeId);
        Assert.Null(v.EdgeId);
    }

    [Fact]
    public void A_restricted_directed_zone_refuses_travel_against_it_and_allows_along_and_across_it()
    {
        ZoneSetDefinition set = SetOf(new Zone
        {
            ZoneId = "east", ZoneType = ZoneType.Directed, DirectionRad = 0, DirectedLimitation = DirectedLimitation.Restricted, Vertices = Square(0, 0, 10, 2),
        });
        Assert.Null(Check(set, (1, 1), (9, 1)));                                   // along
        Assert.Null(Check(set, (5, -1), (5, 3)));                                  // across, 90° off
        Assert.Null(Check(set, (1, 0.5), (9, 1.5)));                               // 7° off
        Assert.Contains("against", Check(set, (9, 1), (1, 1))!.Description, StringComparison.Ordinal);     // 180° off
        Assert.NotNull(Check(set, (9, 0.5), (1, 1.5)));                            // 173° off
        Assert.Null(Check(set, (9, 5), (1, 5)));                                   // westward outside it
    }

    [Fact]
    public void A_strict_directed_zone_allows_only_headings_within_45_degrees_of_its_direction()
    {
        ZoneSetDefinition set = SetOf(new Zone
        {
            ZoneId = "ne", ZoneType = ZoneType.Directed, DirectionRad = Math.PI / 4, DirectedLimitation = DirectedLimitation.Strict, Vertices = Square(0, 0, 10, 10),
        });
        Assert.Null(Check(set, (1, 1), (2, 1), (2, 2), (3, 2)));   // a staircase of east and north edges: each 45° off
        Assert.Null(Check(set, (1, 1), (4, 4)));                   // along
        Assert.NotNull(Check(set, (5, 5), (4, 5)));                // west: 135° off
        Assert.NotNull(Check(set, (5, 5), (6, 4)));                // south-east: 90° off
    }

    [Fact]
    public void A_restricted_bidirected_zone_allows_both_its_directions_and_refuses_crossing_it()
    {
        ZoneSetDefinition set = SetOf(new Zone
        {
            ZoneId = "aisle", ZoneType = ZoneType.Bidirected, DirectionRad = Math.PI / 2, BidirectedLimitation = BidirectedLimitation.Restricted, Vertices = Square(0, 0, 2, 10),
        });
        Assert.Null(Check(set, (1, 1), (1, 9)));
        Assert.Null(Check(set, (1, 9), (1, 1)));
        Assert.Contains("BIDIRECTED", Check(set, (-1, 5), (3, 5))!.Description, StringComparison.Ordinal);
        var soft = SetOf(new Zone { ZoneId = "aisle", ZoneType = ZoneType.Bidirected, DirectionRad = Math.PI / 2, BidirectedLimitation = BidirectedLimitation.Soft, Vertices = Square(0, 0, 2, 10) });
        Assert.Null(Check(soft, (-1, 5), (3, 5))); // SOFT: discouraged (the planner's cost), never refused
    }

    [Fact]
    public void A_line_guided_zone_refuses_an_edge_with_a_corridor_to_leave_the_line_and_accepts_the_plain_edge()
    {
        ZoneSetDefinition set = SetOf(new Zone { ZoneId = "rails", ZoneType = ZoneType.LineGuided, Vertices = Square(0, -1, 10, 1) });
        (List<Node> nodes, List<Edge> edges) = Route((1, 0), (9, 0));
        Assert.Null(ZoneTravelRules.CheckOrder(set, nodes, edges));
        edges[0].Corridor = new Corridor { LeftWidthM = 0.5, RightWidthM = 0.5 };
        ZoneOrderViolation v = Assert.IsType<ZoneOrderViolation>(ZoneTravelRules.CheckOrder(set, nodes, edges));
        Assert.Equal("e0", v.EdgeId);
        Assert.Contains("LINE_GUIDED", v.Description, StringComparison.Ordinal);
        edges[0].Corridor = new Corridor { LeftWidthM = 0, RightWidthM = 0 };
        Assert.Null(ZoneTravelRules.CheckOrder(set, nodes, edges)); // a corridor of no width leaves nothing to deviate into
    }

    [Fact]
    public void Priority_penalty_speed_and_action_zones_never_refuse_an_order()
    {
        List<ZoneVertex> all = Square(-10, -10, 10, 10);
        ZoneSetDefinition set = SetOf(
            new Zone { ZoneId = "p", ZoneType = ZoneType.Priority, PriorityFactor = 1, Vertices = all },
            new Zone { ZoneId = "q", ZoneType = ZoneType.Penalty, PenaltyFactor = 1, Vertices = all },
            new Zone { ZoneId = "s", ZoneType = ZoneType.SpeedLimit, MaximumSpeedMps = 0.3, Vertices = all },
            new Zone { ZoneId = "r", ZoneType = ZoneType.CoordinatedReplanning, Vertices = all });
        Assert.Null(Check(set, (0, 0), (5, 0), (5, 5)));
        Assert.Null(ZoneTravelRules.CheckOrder(null, Route((0, 0), (1, 0)).Nodes, Route((0, 0), (1, 0)).Edges));
    }

    [Fact]
    public void Cost_factors_follow_the_schemas_scale_zero_is_no_zone_and_one_is_the_extreme()
    {
        List<ZoneVertex> all = Square(-10, -10, 10, 10);
        double Penalty(double f) => ZoneTravelRules.CostFactor(new Zone { ZoneId = "q", ZoneType = ZoneType.Penalty, PenaltyFactor = f, Vertices = all }, 0, 0, 1, 0);
        double Priority(double f) => ZoneTravelRules.CostFactor(new Zone { ZoneId = "p", ZoneType = ZoneType.Priority, PriorityFactor = f, Vertices = all }, 0, 0, 1, 0);
        Assert.Equal(1, Penalty(0));
        Assert.Equal(2, Penalty(0.5), 12);
        Assert.Equal(4, Penalty(0.75), 12);
        Assert.Equal(ZoneTravelRules.MaximumPenaltyFactor, Penalty(1));
        Assert.Equal(1, Priority(0));
        Assert.Equal(ZoneTravelRules.MaximumPriorityCostFactor, Priority(1), 12);
        Assert.True(Priority(0.5) is > 0.125 and < 1);
        var soft = new Zone { ZoneId = "d", ZoneType = ZoneType.Directed, DirectionRad = 0, DirectedLimitation = DirectedLimitation.Soft, Vertices = all };
        Assert.Equal(2, ZoneTravelRules.CostFactor(soft, 1, 0, 0, 0));
        Assert.Equal(1, ZoneTravelRules.CostFactor(soft, 0, 0, 1, 0));
        Assert.Equal(1, ZoneTravelRules.CostFactor(soft, 0, 0, 0, 1)); // 90° off: not against it
    }
}
