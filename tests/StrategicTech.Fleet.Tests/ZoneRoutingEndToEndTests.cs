using System.Net;
using System.Net.Http.Json;
using StrategicTech.Drivers.Vda5050.Messages;
using StrategicTech.Drivers.Vda5050.Zones;
using StrategicTech.Fleet.Api;

namespace StrategicTech.Fleet.Tests;

/// <summary>
/// The fleet host with a zone file on 3.0.0 plans by the zones it sends: an order whose straight route runs along an
/// aisle with a BLOCKED stretch is driven round it (no AGV centre ever in the zone, step by step) and completes, and the
/// AGV, which checks every order and update against the same zone set, refuses none of what the master sends.
/// </summary>
public sealed class ZoneRoutingEndToEndTests
{
    [Fact]
    public async Task On_300_an_order_along_an_aisle_with_a_blocked_stretch_is_driven_round_it_and_the_agv_refuses_nothing()
    {
        await using var rig = FleetTestRig.Create(protocolVersion: "3.0.0");
        // The aisle of rows 5-6 between the rack rows, blocked from x = 12 to 21 m (cells 12..20): the straight way
        // from c1_5 to c30_5 runs through it; the way round goes by the cross aisles and rows 0-2 or 9-10.
        rig.ZoneSetPath = Path.Combine(rig.Directory, "zones.json");
        await File.WriteAllTextAsync(rig.ZoneSetPath, """
            {"mapId": "small_warehouse", "zoneSetId": "zs-spill", "zones": [
              {"zoneId": "spill", "zoneType": "BLOCKED", "vertices": [{"x": 12, "y": 5}, {"x": 21, "y": 5}, {"x": 21, "y": 7}, {"x": 12, "y": 7}]}]}
            """);
        await rig.StartHostAsync();
        Assert.NotNull(rig.Host!.Site.Zones);
        Assert.False(rig.Host.Site.TryParseLocation("c15_5", out _)); // a cell of the zone is no location any more
        await rig.StartAgvsAsync((0, 5));
        Assert.Equal(HttpStatusCode.Created, (await rig.Http.PostAsJsonAsync(rig.Url("/orders"), new OrderRequest("o0", "c1_5", "c30_5", "pallet", 0, null))).StatusCode);

        Zone spill = rig.Host.Site.Zones!.Zones[0];
        var deadline = DateTime.UtcNow + FleetTestRig.Timeout;
        bool done = false;
        int steps = 0, stepsInside = 0;
        double lastX = 0;
        while (!done && DateTime.UtcNow < deadline)
        {
            await rig.Agvs!.StepAsync(0.05, CancellationToken.None);
            await Task.Delay(1);
            var agv = rig.Agvs.Agvs[0];
            stepsInside += ZonePolygon.Contains(spill, agv.XM, agv.YM) ? 1 : 0;
            lastX = agv.XM;
            if (++steps % 20 == 0)
            {
                done = (await rig.OrdersAsync()).All(o => o.Phase == "Completed");
            }
        }

        Assert.True(done, string.Join(", ", (await rig.OrdersAsync()).Select(o => $"{o.Id}:{o.Phase}")));
        Assert.Equal(0, stepsInside);
        Assert.True(lastX > 30, $"the AGV ended at x = {lastX} m"); // c30_5: centre at 30.5 m
        Assert.Equal(0, rig.Agvs!.Agvs[0].RejectedOrders); // the AGV checks orders against the same zones: the planner sent none it refuses
        Assert.Equal(0, rig.Host.Manager!.PlanningFailures);
    }
}
