using System.Net;
using System.Net.Http.Json;
using StrategicTech.Fleet.Api;
using StrategicTech.Fleet.Core;

namespace StrategicTech.Fleet.Tests;

/// <summary>One AGV's connection drops mid-order (the broker publishes its last will) and comes back.</summary>
public class FleetNetworkDropTests
{
    [Theory]
    [InlineData(PlanningMode.Episodes)]
    [InlineData(PlanningMode.Lifelong)]
    public async Task An_agv_dropped_while_driving_to_a_pickup_gets_its_stale_order_cancelled_on_return_drives_at_most_one_node_of_it_and_every_order_completes_once(PlanningMode planning)
    {
        await using var rig = FleetTestRig.Create(planning: planning);
        await rig.StartHostAsync();
        await rig.StartAgvsAsync((0, 0), (31, 0), (0, 17));
        string[] from = ["c3_5", "c12_6", "c20_2", "c29_9", "c2_2", "c16_10"];
        string[] to = ["c31_14", "c0_9", "c0_16", "c31_5", "c31_1", "c0_3"];
        for (int i = 0; i < from.Length; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await rig.Http.PostAsJsonAsync(rig.Url("/orders"), new OrderRequest($"d{i}", from[i], to[i], "bin", 0, null))).StatusCode);
        }

        // Drop agv0 while it drives towards a pick-up (its transport order Assigned, not yet loaded).
        var agv0 = rig.Agvs!.Agvs[0];
        bool armed = await rig.RunUntilAsync(async () =>
            agv0.Driving && (await rig.OrdersAsync()).Exists(o => o.Robot == "agv0" && o.Phase == "Assigned"));
        Assert.True(armed, "agv0 never drove to a pick-up");
        string staleOrderId = agv0.OrderId;
        string transportOrderId = (await rig.OrdersAsync()).Single(o => o.Robot == "agv0" && o.Phase == "Assigned").Id;
        await rig.Agvs.DropAsync(0);
        Assert.True(await WaitAsync(async () => !(await Robot(rig, "agv0")).Online), "the master did not see agv0's last will");
        // Its order went back to the pool; the API shows it once the store has committed that (the acknowledgement may
        // come after the last will is seen, so wait for it rather than read once).
        Assert.True(await WaitAsync(async () => (await rig.OrdersAsync()).Single(o => o.Id == transportOrderId).Robot != "agv0"),
            "agv0's transport order never went back to the pool");

        // Back: its first state still shows the stale order's nodes; the master answers with cancelOrder.
        await rig.Agvs.ReconnectAsync(0, CancellationToken.None);
        await rig.Agvs.StepAsync(0, CancellationToken.None);
        Assert.True(await WaitAsync(() => Task.FromResult(rig.Host!.Manager!.StaleOrdersCancelled >= 1)), "no cancelOrder for the stale order");
        await Task.Delay(200); // let the instant action arrive (QoS 0 on loopback); the next step processes it
        uint sequenceAtCancel = agv0.LastNodeSequenceId;
        uint highestOnStaleOrder = sequenceAtCancel;
        bool done = await rig.RunUntilAsync(async () =>
        {
            if (agv0.OrderId == staleOrderId)
            {
                highestOnStaleOrder = Math.Max(highestOnStaleOrder, agv0.LastNodeSequenceId);
            }

            return (await rig.OrdersAsync()).All(o => o.Phase == "Completed");
        });
        List<OrderView> end = await rig.OrdersAsync();
        Assert.True(done, string.Join(", ", end.Select(o => $"{o.Id}:{o.Phase}")));
        Assert.Equal(from.Select((_, i) => $"d{i}").Order(), end.Select(o => o.Id).Order());
        // Node sequence ids step by 2: the node it was driving to when the cancel came is the last it reached on that order.
        Assert.True(highestOnStaleOrder <= sequenceAtCancel + 2, $"agv0 drove on the cancelled order from sequence {sequenceAtCancel} to {highestOnStaleOrder}");
        Assert.True(rig.Agvs.MinDistanceM >= 1.0 - 1e-6, $"AGVs came within {rig.Agvs.MinDistanceM} m"); // measured 1.0 m
    }

    private static async Task<RobotView> Robot(FleetTestRig rig, string serial) =>
        (await rig.Http.GetFromJsonAsync<List<RobotView>>(rig.Url("/robots")))!.Single(r => r.SerialNumber == serial);

    private static async Task<bool> WaitAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + FleetTestRig.Timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(20);
        }

        return false;
    }
}
