using System.Net;
using System.Net.Http.Json;
using StrategicTech.Drivers.Vda5050.Tests;
using StrategicTech.Fleet.Api;
using StrategicTech.Fleet.Core;

namespace StrategicTech.Fleet.Tests;

/// <summary>The broker goes away in the middle of a run and comes back: master and robots reconnect and the run completes.</summary>
public class FleetBrokerRestartTests
{
    [Theory]
    [InlineData(PlanningMode.Episodes)]
    [InlineData(PlanningMode.Lifelong)]
    public async Task Mosquitto_killed_and_restarted_mid_run_the_master_and_agvs_reconnect_and_every_order_completes_once_without_contact(PlanningMode planning)
    {
        MosquittoBroker mosquitto = MosquittoBroker.Start();
        try
        {
            await using var rig = FleetTestRig.Create(externalBrokerPort: mosquitto.Port, planning: planning);
            await rig.StartHostAsync();
            await rig.StartAgvsAsync((0, 0), (31, 0), (0, 17));
            string[] from = ["c3_5", "c12_6", "c20_2", "c29_9", "c2_2", "c16_10", "c25_15", "c6_13"];
            string[] to = ["c31_14", "c0_9", "c0_16", "c31_5", "c31_1", "c0_3", "c0_12", "c31_9"];
            for (int i = 0; i < from.Length; i++)
            {
                Assert.Equal(HttpStatusCode.Created, (await rig.Http.PostAsJsonAsync(rig.Url("/orders"), new OrderRequest($"b{i}", from[i], to[i], "bin", 0, null))).StatusCode);
            }

            Assert.True(await rig.RunUntilAsync(async () => (await rig.OrdersAsync()).Count(o => o.Phase == "Completed") >= 2), "no order completed before the broker restart");
            Assert.Contains(await rig.OrdersAsync(), o => o.Phase is "Assigned" or "Loaded");

            mosquitto.Dispose(); // SIGKILL: no last wills, no goodbye
            Assert.True(await WaitAsync(() => !rig.Host!.BrokerConnected), "the master did not notice the broker had gone");
            for (int i = 0; i < 60; i++)
            {
                await rig.Agvs!.StepAsync(0.05, CancellationToken.None); // the AGVs carry on with their base, states fail
                await Task.Delay(1);
            }

            mosquitto = MosquittoBroker.Start(rig.BrokerPort);
            Assert.True(await rig.RunUntilAsync(async () => (await rig.OrdersAsync()).All(o => o.Phase == "Completed")),
                string.Join(", ", (await rig.OrdersAsync()).Select(o => $"{o.Id}:{o.Phase}")));
            List<OrderView> end = await rig.OrdersAsync();
            Assert.Equal(from.Select((_, i) => $"b{i}").Order(), end.Select(o => o.Id).Order());
            Assert.True(rig.Host!.Reconnects >= 1, "the master never reconnected");
            Assert.True(rig.Host.BrokerConnected);
            Assert.True(rig.Agvs!.MinDistanceM >= 1.0 - 1e-6, $"AGVs came within {rig.Agvs.MinDistanceM} m"); // measured 1.0 m
            Assert.All(rig.Agvs.Agvs, a => Assert.Equal(0, a.RejectedOrders)); // no order or update was refused as stale or out of sequence
        }
        finally
        {
            mosquitto.Dispose();
        }
    }

    private static async Task<bool> WaitAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + FleetTestRig.Timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (condition())
            {
                return true;
            }

            await Task.Delay(20);
        }

        return false;
    }
}
