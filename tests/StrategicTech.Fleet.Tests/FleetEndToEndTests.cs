using System.Net;
using System.Net.Http.Json;
using StrategicTech.Fleet.Api;

namespace StrategicTech.Fleet.Tests;

public class FleetEndToEndTests
{
    [Fact]
    public async Task Orders_posted_over_http_are_all_completed_by_simulated_agvs_over_vda5050_without_two_agvs_closer_than_one_cell()
    {
        await using var rig = FleetTestRig.Create();
        await rig.StartHostAsync();
        await rig.StartAgvsAsync((0, 0), (31, 0), (0, 17), (31, 17));
        (string From, string To)[] jobs =
        [
            ("c3_5", "c30_14"), ("c12_6", "c1_9"), ("c20_2", "c5_16"), ("c29_9", "c14_13"),
            ("c2_2", "c27_5"), ("c16_10", "c8_1"), ("c25_15", "c20_9"), ("c6_13", "c31_6"),
        ];
        for (int i = 0; i < jobs.Length; i++)
        {
            HttpResponseMessage r = await rig.Http.PostAsJsonAsync(rig.Url("/orders"), new OrderRequest($"o{i}", jobs[i].From, jobs[i].To, "pallet", i % 3, null));
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        }

        bool done = await rig.RunUntilAsync(async () => (await rig.OrdersAsync()).All(o => o.Phase == "Completed"));
        List<OrderView> orders = await rig.OrdersAsync();
        Assert.True(done, string.Join(", ", orders.Select(o => $"{o.Id}:{o.Phase}")));
        Assert.Equal(jobs.Length, orders.Count);
        // Exact identity of the dependency graph on 1 m cells (measured 1.0 m).
        Assert.True(rig.Agvs!.MinDistanceM >= 1.0 - 1e-6, $"AGVs came within {rig.Agvs.MinDistanceM} m");
        Assert.Equal(0, rig.Host!.Manager!.PlanningFailures);
    }

    [Fact]
    public async Task Post_is_idempotent_by_id_conflicts_on_a_changed_retry_and_names_a_bad_location()
    {
        await using var rig = FleetTestRig.Create();
        await rig.StartHostAsync();
        var request = new OrderRequest("same", "c3_5", "c30_14", "box", 2, null);
        Assert.Equal(HttpStatusCode.Created, (await rig.Http.PostAsJsonAsync(rig.Url("/orders"), request)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await rig.Http.PostAsJsonAsync(rig.Url("/orders"), request)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await rig.Http.PostAsJsonAsync(rig.Url("/orders"), request with { To = "c1_1" })).StatusCode);
        HttpResponseMessage bad = await rig.Http.PostAsJsonAsync(rig.Url("/orders"), new OrderRequest(null, "c5_3", "c1_1", null, null, null));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("c5_3", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal); // a rack cell
        Assert.Single(await rig.OrdersAsync());
        Assert.Equal(HttpStatusCode.NoContent, (await rig.Http.DeleteAsync(rig.Url("/orders/same"))).StatusCode);
        Assert.Equal("Cancelled", (await rig.Http.GetFromJsonAsync<OrderView>(rig.Url("/orders/same")))!.Phase);
        Assert.Equal(HttpStatusCode.NotFound, (await rig.Http.GetAsync(rig.Url("/orders/none"))).StatusCode);
    }

    [Fact]
    public async Task OpenApi_document_lists_the_order_robot_and_stop_endpoints()
    {
        await using var rig = FleetTestRig.Create();
        await rig.StartHostAsync();
        string doc = await rig.Http.GetStringAsync(rig.Url("/openapi/v1.json"));
        foreach (string path in new[] { "\"/orders\"", "\"/orders/{id}\"", "\"/robots\"", "\"/robots/{serialNumber}/estop\"", "\"/zone/pause\"", "\"/fleet/resume\"" })
        {
            Assert.Contains(path, doc, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Accepted_orders_survive_a_restart_of_the_fleet_manager_once_each()
    {
        await using var rig = FleetTestRig.Create();
        await rig.StartHostAsync();
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await rig.Http.PostAsJsonAsync(rig.Url("/orders"), new OrderRequest($"r{i}", "c1_1", "c30_16", null, 0, null))).StatusCode);
        }

        await rig.StopHostAsync();
        await rig.StartHostAsync();
        List<OrderView> orders = await rig.OrdersAsync();
        Assert.Equal(["r0", "r1", "r2", "r3", "r4"], orders.Select(o => o.Id));
        Assert.All(orders, o => Assert.Equal("Pending", o.Phase));
    }
}
