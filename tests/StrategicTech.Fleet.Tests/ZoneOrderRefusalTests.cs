using StrategicTech.Drivers.Vda5050;
using StrategicTech.Drivers.Vda5050.Messages;
using StrategicTech.Fleet.Core;
using StrategicTech.Fleet.Site;
using StrategicTech.Sim.Fleet;

namespace StrategicTech.Fleet.Tests;

/// <summary>
/// The simulated AGV enforces the 3.0 zones that bind travel: an order (or update) with an edge through a BLOCKED
/// zone, against a RESTRICTED DIRECTED zone, across a RESTRICTED BIDIRECTED one or with a corridor in a LINE_GUIDED
/// one is refused with a noRouteError naming order, edge and zone, and nothing of it is driven; over a broker, every
/// message of the exchange strictly 3.0.0-schema valid.
/// </summary>
public sealed class ZoneOrderRefusalTests
{
    /// <summary>Six cells of a row of the bundled map (1 m cells), west to east, and the AGV on the first.</summary>
    private static (FleetSite Site, int[] Row, SimulatedAgv Agv) RowAndAgv()
    {
        FleetSite site = FleetSite.Bundled();
        int[] row = [.. Enumerable.Range(0, 6).Select(x => site.Graph.VertexAt(x, 0))];
        (double x0, double y0) = site.PositionOf(row[0]);
        return (site, row, new SimulatedAgv("StrategicTech", "agv0", site.MapId, site.NodeIdOfVertex(row[0]), x0, y0, 100));
    }

    private static Order OrderAlong(FleetSite site, int[] vertices, string orderId) =>
        Vda5050OrderBuilder.Build(site, new RobotPlan(0, vertices, orderId, null, string.Empty) { ReleasedMoves = vertices.Length - 1 }, 0, vertices.Length - 1, 1.0);

    /// <summary>The cells x0..x1 of row 0 as a polygon along their borders.</summary>
    private static List<ZoneVertex> RowCells(int x0, int x1) =>
        [new() { XM = x0, YM = 0 }, new() { XM = x1 + 1, YM = 0 }, new() { XM = x1 + 1, YM = 1 }, new() { XM = x0, YM = 1 }];

    [Fact]
    public void An_order_through_a_blocked_zone_is_refused_with_a_no_route_error_and_the_agv_does_not_move_but_drives_one_short_of_it()
    {
        (FleetSite site, int[] row, SimulatedAgv agv) = RowAndAgv();
        var set = new ZoneSetDefinition { MapId = site.MapId, ZoneSetId = "zs", Zones = [new Zone { ZoneId = "spill", ZoneType = ZoneType.Blocked, Vertices = RowCells(3, 3) }] };
        agv.Zones = () => set;
        (double x, double y) = (agv.XM, agv.YM);

        Assert.False(agv.TryAccept(OrderAlong(site, row, "o1")));
        Assert.Equal(1, agv.RejectedOrders);
        State state = agv.BuildState();
        Vda5050Error error = Assert.Single(state.Errors);
        Assert.Equal("noRouteError", error.ErrorType);
        Assert.Contains("BLOCKED", error.ErrorDescription, StringComparison.Ordinal);
        Dictionary<string, string> refs = error.ErrorReferences!.ToDictionary(r => r.ReferenceKey, r => r.ReferenceValue);
        Assert.Equal("o1", refs["orderId"]);
        Assert.Equal("spill", refs["zoneId"]);
        Assert.Equal(OrderAlong(site, row, "o1").Edges[2].EdgeId, refs["edgeId"]); // the third edge, from cell 2 into cell 3
        Assert.Equal(string.Empty, state.OrderId); // nothing of it taken
        for (int i = 0; i < 100; i++)
        {
            agv.Step(0.05);
        }

        Assert.Equal((x, y), (agv.XM, agv.YM));

        // Up to the cell before the zone: accepted and driven (the move into cell 2 ends 0.5 m short of the zone).
        Assert.True(agv.TryAccept(OrderAlong(site, row[..3], "o2")));
        for (int i = 0; i < 200 && agv.LastNodeId != site.NodeIdOfVertex(row[2]); i++)
        {
            agv.Step(0.05);
        }

        Assert.Equal(site.NodeIdOfVertex(row[2]), agv.LastNodeId);
        Assert.Empty(agv.BuildState().Errors);
    }

    [Fact]
    public void An_order_update_against_a_one_way_zone_is_refused_and_the_agv_keeps_its_base()
    {
        (FleetSite site, int[] row, SimulatedAgv agv) = RowAndAgv();
        var set = new ZoneSetDefinition
        {
            MapId = site.MapId, ZoneSetId = "zs",
            Zones = [new Zone { ZoneId = "westward", ZoneType = ZoneType.Directed, DirectionRad = Math.PI, DirectedLimitation = DirectedLimitation.Restricted, Vertices = RowCells(3, 5) }],
        };
        agv.Zones = () => set;
        Order first = OrderAlong(site, row[..3], "o1"); // cells 0..2: the move 1 -> 2 stays 0.5 m out of the zone
        Assert.True(agv.TryAccept(first));
        Order update = OrderAlong(site, row[2..], "o1");
        update.OrderUpdateId = 1;
        foreach (Node n in update.Nodes)
        {
            n.SequenceId += 4; // stitched at the last base node, sequence id 4
        }

        foreach (Edge e in update.Edges)
        {
            e.SequenceId += 4;
        }

        Assert.False(agv.TryAccept(update));
        Assert.Equal(0u, agv.OrderUpdateId);
        Vda5050Error error = Assert.Single(agv.BuildState().Errors);
        Assert.Equal("noRouteError", error.ErrorType);
        Assert.Contains("DIRECTED", error.ErrorDescription, StringComparison.Ordinal);
        for (int i = 0; i < 400; i++)
        {
            agv.Step(0.05);
        }

        Assert.Equal(site.NodeIdOfVertex(row[2]), agv.LastNodeId); // drove its base, no further
        Assert.False(agv.Driving);

        // With the zone turned to point east, the same update is driven along its direction: accepted.
        set.Zones[0].DirectionRad = 0;
        Assert.True(agv.TryAccept(update));
        Assert.Equal(1u, agv.OrderUpdateId);
    }

    [Fact]
    public void A_zone_set_blocking_a_stretch_of_an_accepted_order_stops_the_agv_in_front_of_it_once_reported_until_the_block_is_lifted()
    {
        (FleetSite site, int[] row, SimulatedAgv agv) = RowAndAgv();
        ZoneSetDefinition? current = null;
        agv.Zones = () => current;
        Assert.True(agv.TryAccept(OrderAlong(site, row, "o1")));
        for (int i = 0; i < 20; i++)
        {
            agv.Step(0.05); // 1 m: at cell 1's centre
        }

        current = new ZoneSetDefinition { MapId = site.MapId, ZoneSetId = "zs", Zones = [new Zone { ZoneId = "spill", ZoneType = ZoneType.Blocked, Vertices = RowCells(3, 3) }] };
        double eastmostM = 0;
        for (int i = 0; i < 400; i++)
        {
            agv.Step(0.05);
            eastmostM = Math.Max(eastmostM, agv.XM);
        }

        Assert.True(agv.StoppedByZone);
        Assert.False(agv.Driving);
        Assert.True(eastmostM < 3.0, $"reached x = {eastmostM} m; the zone starts at 3 m");
        Assert.True(eastmostM > 2.9, $"stopped at x = {eastmostM} m, more than one 0.05 m step short of the zone"); // stands within a step of it
        Vda5050Error error = Assert.Single(agv.BuildState().Errors); // reported once, not on every step
        Assert.Equal("noRouteError", error.ErrorType);
        Assert.Contains(error.ErrorReferences!, r => r.ReferenceKey == "zoneId" && r.ReferenceValue == "spill");

        current = null;
        for (int i = 0; i < 200 && agv.LastNodeId != site.NodeIdOfVertex(row[5]); i++)
        {
            agv.Step(0.05);
        }

        Assert.Equal(site.NodeIdOfVertex(row[5]), agv.LastNodeId);
        Assert.False(agv.StoppedByZone);
        Assert.Empty(agv.BuildState().Errors);
    }

    [Fact]
    public async Task Over_a_300_broker_the_agv_refuses_an_order_through_the_zone_set_the_master_sent_and_every_message_is_schema_valid()
    {
        FleetSite site = FleetSite.Bundled();
        int port = FleetTestRig.FreePort();
        using var broker = await ZoneTestKit.StartBrokerAsync(port);
        using ZoneTestKit.WireTap tap = await ZoneTestKit.WireTap.StartAsync(port);
        await using var master = new Vda5050MasterClient(new Vda5050ClientOptions("127.0.0.1", port, "StrategicTech", "fleet", "3.0.0"));
        var errors = new System.Collections.Concurrent.ConcurrentQueue<Vda5050Error>();
        master.StateReceived += s => s.Errors.ForEach(errors.Enqueue);
        await master.ConnectAsync(CancellationToken.None);
        await using var fleet = new SimulatedFleet("127.0.0.1", port, "3.0.0");
        int[] row = [.. Enumerable.Range(0, 6).Select(x => site.Graph.VertexAt(x, 0))];
        (double x0, double y0) = site.PositionOf(row[0]);
        await fleet.AddAsync(new SimulatedAgv("StrategicTech", "agv0", site.MapId, site.NodeIdOfVertex(row[0]), x0, y0, 100), CancellationToken.None);
        SimulatedAgv agv = fleet.Agvs[0];
        var zoneSet = new ZoneSet
        {
            HeaderId = 0, Timestamp = "", Version = "3.0.0", Manufacturer = "", SerialNumber = "",
            Definition = new ZoneSetDefinition
            {
                MapId = site.MapId, ZoneSetId = "zs-lanes",
                Zones = [new Zone { ZoneId = "lanes", ZoneType = ZoneType.Bidirected, DirectionRad = Math.PI / 2, BidirectedLimitation = BidirectedLimitation.Restricted, Vertices = RowCells(3, 4) }],
            },
        };
        await master.SendZoneSetAsync("StrategicTech", "agv0", zoneSet, CancellationToken.None);
        Assert.True(await StepUntil(fleet, () => agv.Zones?.Invoke() is not null));

        await master.SendOrderAsync("StrategicTech", "agv0", OrderAlong(site, row, "o1"), CancellationToken.None);
        Assert.True(await StepUntil(fleet, () => errors.Any(e => e.ErrorType == "noRouteError")));
        Vda5050Error error = errors.First(e => e.ErrorType == "noRouteError");
        Assert.Contains(error.ErrorReferences!, r => r.ReferenceKey == "zoneId" && r.ReferenceValue == "lanes");
        Assert.Equal(site.NodeIdOfVertex(row[0]), agv.LastNodeId);
        Assert.Equal((x0, y0), (agv.XM, agv.YM));

        // Short of the zone: driven to its end.
        await master.SendOrderAsync("StrategicTech", "agv0", OrderAlong(site, row[..3], "o2"), CancellationToken.None);
        Assert.True(await StepUntil(fleet, () => agv.LastNodeId == site.NodeIdOfVertex(row[2]) && !agv.Driving));
        Assert.Equal(1, agv.RejectedOrders);
        await master.DisconnectAsync(CancellationToken.None);
        tap.AssertStrict300("zoneSet", "order", "state", "connection");
    }

    private static async Task<bool> StepUntil(SimulatedFleet fleet, Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + ZoneTestKit.Patience;
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await fleet.StepAsync(0.05, CancellationToken.None);
            await Task.Delay(5);
        }

        return condition();
    }
}
