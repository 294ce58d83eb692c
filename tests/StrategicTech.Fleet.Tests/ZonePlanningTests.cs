using StrategicTech.Drivers.Vda5050.Messages;
using StrategicTech.Drivers.Vda5050.Zones;
using StrategicTech.Fleet.Core;
using StrategicTech.Fleet.Site;
using StrategicTech.Navigation.Planning.Grid;
using StrategicTech.Navigation.Planning.Mapf;
using StrategicTech.Navigation.Time;

namespace StrategicTech.Fleet.Tests;

/// <summary>
/// The master's planner under 3.0 zones (<see cref="FleetSite.WithZones"/>), on a ring of two corridors: the top one
/// straight (8 moves from west to east), the bottom one a detour (16 moves). Each zone type that concerns the
/// planner changes which corridor a robot takes, and every move of every plan is one the AGV's own zone check
/// (<see cref="ZoneTravelRules"/>) accepts; every solution passes the independent MAPF validator.
/// </summary>
public sealed class ZonePlanningTests
{
    private const string Ring = "type octile\nheight 5\nwidth 9\nmap\n.........\n.@@@@@@@.\n.@@@@@@@.\n.@@@@@@@.\n.........\n";

    private static FleetSite RingSite() => new(MovingAiMap.Parse(Ring, "ring.map"), 1.0, "ring");

    /// <summary>The rectangle of cells x0..x1, y0..y1 (1 m cells: the polygon runs along the cells' borders).</summary>
    private static List<ZoneVertex> Cells(int x0, int y0, int x1, int y1) =>
    [
        new() { XM = x0, YM = y0 }, new() { XM = x1 + 1, YM = y0 }, new() { XM = x1 + 1, YM = y1 + 1 }, new() { XM = x0, YM = y1 + 1 },
    ];

    private static ZoneSetDefinition SetOf(params Zone[] zones) => new() { MapId = "ring", ZoneSetId = "zs", Zones = [.. zones] };

    /// <summary>The top corridor's middle, cells x 2..6 of row 0.</summary>
    private static List<ZoneVertex> TopMiddle() => Cells(2, 0, 6, 0);

    /// <summary>Plans robots from start to goal cells; asserts a solution that the validator and the zone rules accept; the paths in cells.</summary>
    private static List<GridCell[]> Plan(FleetSite site, params ((int X, int Y) From, (int X, int Y) To)[] trips)
    {
        int[] starts = [.. trips.Select(t => site.Graph.VertexAt(t.From.X, t.From.Y))];
        int[] goals = [.. trips.Select(t => site.Graph.VertexAt(t.To.X, t.To.Y))];
        Assert.True(EpisodePlanner.TryPlan(site, starts, goals, [], new ManualClock(), 2_000_000, out int[][] paths, out _, out string? problem), problem);
        List<GridCell[]> cells = [.. paths.Select(p => p.Select(site.Graph.CellOf).ToArray())];
        Assert.Empty(MapfValidator.Validate(site.Map, [.. starts.Select(site.Graph.CellOf)], [.. goals.Select(site.Graph.CellOf)], cells));
        foreach (GridCell[] path in cells)
        {
            for (int t = 1; t < path.Length; t++)
            {
                (double x0, double y0) = (path[t - 1].X + 0.5, path[t - 1].Y + 0.5);
                (double x1, double y1) = (path[t].X + 0.5, path[t].Y + 0.5);
                foreach (Zone zone in site.Zones?.Zones ?? [])
                {
                    string? why = ZoneTravelRules.Touches(zone, x0, y0, x1, y1) ? ZoneTravelRules.Violation(zone, x0, y0, x1, y1) : null;
                    Assert.True(why is null, $"move {path[t - 1]} -> {path[t]}: {why}");
                }
            }
        }

        return cells;
    }

    private static bool TakesTop(GridCell[] path) => path.All(c => c.Y == 0);

    private static bool TakesBottom(GridCell[] path) => path.Any(c => c.Y == 4);

    [Fact]
    public void Without_zones_the_robot_takes_the_straight_top_corridor()
    {
        GridCell[] path = Plan(RingSite(), ((0, 0), (8, 0)))[0];
        Assert.True(TakesTop(path));
        Assert.Equal(9, path.Length);
    }

    [Fact]
    public void A_blocked_zone_on_the_top_corridor_sends_the_robot_round_the_bottom_and_its_cells_are_no_locations()
    {
        FleetSite site = RingSite().WithZones(SetOf(new Zone { ZoneId = "spill", ZoneType = ZoneType.Blocked, Vertices = TopMiddle() }));
        GridCell[] path = Plan(site, ((0, 0), (8, 0)))[0];
        Assert.True(TakesBottom(path));
        Assert.Equal(17, path.Length);
        Assert.False(site.TryParseLocation("c4_0", out _, out string? problem));
        Assert.Contains("blocked", problem, StringComparison.Ordinal);
        Assert.True(site.TryParseLocation("c1_0", out _)); // the cell beside the zone is still a location
    }

    [Fact]
    public void A_penalty_zone_is_avoided_once_its_cost_outweighs_the_detour_and_taken_while_it_does_not()
    {
        static FleetSite WithPenalty(double factor) =>
            RingSite().WithZones(SetOf(new Zone { ZoneId = "narrow", ZoneType = ZoneType.Penalty, PenaltyFactor = factor, Vertices = TopMiddle() }));

        // The zone touches 6 of the top route's 8 moves. Factor 0.5 doubles them: 6·2 + 2 = 14 plain moves' cost < 16 below.
        Assert.True(TakesTop(Plan(WithPenalty(0.5), ((0, 0), (8, 0)))[0]));

        // Factor 0.75 quadruples them: 6·4 + 2 = 26 > 16: the detour is cheaper.
        Assert.True(TakesBottom(Plan(WithPenalty(0.75), ((0, 0), (8, 0)))[0]));

        // Factor 1: only when no other way exists; with the bottom corridor blocked the top is still taken.
        FleetSite onlyWay = RingSite().WithZones(SetOf(
            new Zone { ZoneId = "narrow", ZoneType = ZoneType.Penalty, PenaltyFactor = 1, Vertices = TopMiddle() },
            new Zone { ZoneId = "works", ZoneType = ZoneType.Blocked, Vertices = Cells(3, 4, 5, 4) }));
        Assert.True(TakesTop(Plan(onlyWay, ((0, 0), (8, 0)))[0]));
    }

    [Fact]
    public void A_priority_zone_on_the_detour_draws_the_robot_onto_it_only_when_its_preference_outweighs_the_extra_length()
    {
        static FleetSite WithPriority(double factor) =>
            RingSite().WithZones(SetOf(new Zone { ZoneId = "highway", ZoneType = ZoneType.Priority, PriorityFactor = factor, Vertices = Cells(0, 1, 8, 4) }));

        // The bottom route's 16 moves all touch the zone (the first and last cross its border). Factor 0: as without zone, 16 > 8: top.
        Assert.True(TakesTop(Plan(WithPriority(0), ((0, 0), (8, 0)))[0]));

        // Factor 1: each costs an eighth, 16/8 = 2 < 8: bottom.
        Assert.True(TakesBottom(Plan(WithPriority(1), ((0, 0), (8, 0)))[0]));

        // Factor 0.4: each costs 1 − 0.4·7/8 = 0.65, kept in eighths as 5/8: 16·5/8 = 10 > 8: still top.
        Assert.True(TakesTop(Plan(WithPriority(0.4), ((0, 0), (8, 0)))[0]));
    }

    [Fact]
    public void A_restricted_one_way_top_corridor_is_driven_only_westward_and_a_strict_one_only_along_its_direction()
    {
        Zone westOnly = new() { ZoneId = "west", ZoneType = ZoneType.Directed, DirectionRad = Math.PI, DirectedLimitation = DirectedLimitation.Restricted, Vertices = TopMiddle() };
        FleetSite site = RingSite().WithZones(SetOf(westOnly));
        Assert.True(TakesBottom(Plan(site, ((0, 0), (8, 0)))[0])); // eastward: round the bottom
        Assert.True(TakesTop(Plan(site, ((8, 0), (0, 0)))[0]));    // westward: straight through

        // Two robots the other way round each other at once: each keeps to what the zone allows.
        List<GridCell[]> both = Plan(site, ((0, 0), (8, 0)), ((8, 0), (0, 0)));
        Assert.True(TakesBottom(both[0]));
        Assert.True(TakesTop(both[1]));

        // RESTRICTED allows crossing at right angles, STRICT does not: a north-south zone over the west column.
        Zone southRestricted = new() { ZoneId = "col", ZoneType = ZoneType.Directed, DirectionRad = Math.PI / 2, DirectedLimitation = DirectedLimitation.Restricted, Vertices = Cells(0, 0, 0, 4) };
        Assert.True(TakesTop(Plan(RingSite().WithZones(SetOf(southRestricted)), ((8, 0), (0, 0)))[0])); // the last move enters it westward: 90° off, allowed
        Zone southStrict = new() { ZoneId = "col", ZoneType = ZoneType.Directed, DirectionRad = Math.PI / 2, DirectedLimitation = DirectedLimitation.Strict, Vertices = Cells(0, 0, 0, 4) };
        FleetSite strict = RingSite().WithZones(SetOf(southStrict));
        Assert.False(strict.Graph.HasArc(strict.Graph.VertexAt(1, 0), strict.Graph.VertexAt(0, 0))); // entering it westward is 90° off its direction
        Assert.True(strict.Graph.HasArc(strict.Graph.VertexAt(0, 0), strict.Graph.VertexAt(0, 1)));  // +y, its direction
        Assert.False(strict.Graph.HasArc(strict.Graph.VertexAt(0, 1), strict.Graph.VertexAt(0, 0))); // −y, against it
    }

    [Fact]
    public void A_restricted_north_south_bidirected_zone_on_the_top_corridor_cannot_be_crossed_east_west()
    {
        Zone lanes = new() { ZoneId = "lanes", ZoneType = ZoneType.Bidirected, DirectionRad = Math.PI / 2, BidirectedLimitation = BidirectedLimitation.Restricted, Vertices = TopMiddle() };
        FleetSite site = RingSite().WithZones(SetOf(lanes));
        Assert.True(TakesBottom(Plan(site, ((0, 0), (8, 0)))[0]));
        Assert.True(TakesBottom(Plan(site, ((8, 0), (0, 0)))[0]));

        // East-west, it is the way both directions go.
        Zone eastWest = new() { ZoneId = "lanes", ZoneType = ZoneType.Bidirected, DirectionRad = 0, BidirectedLimitation = BidirectedLimitation.Restricted, Vertices = TopMiddle() };
        FleetSite open = RingSite().WithZones(SetOf(eastWest));
        Assert.True(TakesTop(Plan(open, ((0, 0), (8, 0)))[0]));
        Assert.True(TakesTop(Plan(open, ((8, 0), (0, 0)))[0]));
    }

    [Fact]
    public void A_soft_direction_only_makes_moves_against_it_dearer_and_forbids_none()
    {
        Zone soft = new() { ZoneId = "west", ZoneType = ZoneType.Directed, DirectionRad = Math.PI, DirectedLimitation = DirectedLimitation.Soft, Vertices = Cells(0, 0, 8, 0) };
        FleetSite site = RingSite().WithZones(SetOf(soft));
        Assert.True(site.Graph.IsWeighted);
        Assert.False(site.Graph.IsDirected);
        int v3 = site.Graph.VertexAt(3, 0), v4 = site.Graph.VertexAt(4, 0);
        Assert.Equal(2 * MapfGraph.CostUnit, CostOf(site.Graph, v3, v4)); // eastward, against it: twice
        Assert.Equal(MapfGraph.CostUnit, CostOf(site.Graph, v4, v3));     // westward, along it: plain
        Assert.Equal(MapfGraph.CostUnit, CostOf(site.Graph, site.Graph.VertexAt(0, 0), site.Graph.VertexAt(0, 1))); // leaving it at right angles: plain
        Assert.True(TakesTop(Plan(site, ((8, 0), (0, 0)))[0]));
    }

    private static int CostOf(MapfGraph graph, int from, int to)
    {
        ReadOnlySpan<int> neighbors = graph.Neighbors(from);
        int k = neighbors.IndexOf(to);
        Assert.True(k >= 0, $"no arc {from} -> {to}");
        return graph.NeighborCosts(from)[k];
    }
}
