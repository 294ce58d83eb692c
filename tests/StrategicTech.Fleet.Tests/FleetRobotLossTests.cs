using System.Net;
using System.Net.Http.Json;
using StrategicTech.Fleet.Api;
using StrategicTech.Fleet.Core;

namespace StrategicTech.Fleet.Tests;

public class FleetRobotLossTests
{
    [Theory]
    [InlineData(PlanningMode.Episodes)]
    [InlineData(PlanningMode.Lifelong)]
    public async Task A_robot_whose_connection_breaks_has_its_order_reallocated_and_the_others_finish_around_it(PlanningMode planning)
    {
        await using var rig = FleetTestRig.Create(planning: planning);
        await rig.StartHostAsync();
        await rig.StartAgvsAsync((0, 0), (31, 0), (0, 17));
        (string From, string To)[] jobs = [("c30_6", "c0_9"), ("c3_5", "c31_14"), ("c20_2", "c0_16"), ("c12_6", "c31_1"), ("c25_15", "c0_3"), ("c6_13", "c31_9")];
        for (int i = 0; i < jobs.Length; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await rig.Http.PostAsJsonAsync(rig.Url("/orders"), new OrderRequest($"l{i}", jobs[i].From, jobs[i].To, null, 0, null))).StatusCode);
        }

        string? lostOrder = null;
        Assert.True(await rig.RunUntilAsync(async () =>
        {
            RobotView agv0 = (await rig.Http.GetFromJsonAsync<List<RobotView>>(rig.Url("/robots")))!.Single(r => r.SerialNumber == "agv0");
            OrderView? order = agv0.OrderId is { } id ? await rig.Http.GetFromJsonAsync<OrderView>(rig.Url($"/orders/{id}")) : null;
            // Lost at least 3 cells short of the pick-up: the dead robot does not stand on the source it was sent to.
            if (order is { Phase: "Assigned" } && agv0.Node is { } node && Hops(node, order.From) >= 3)
            {
                lostOrder = order.Id;
                return true;
            }

            return false;
        }), "agv0 never got an order");

        await rig.Agvs!.KillAsync(0); // no DISCONNECT: the broker publishes its last will CONNECTIONBROKEN
        Assert.True(await rig.RunUntilAsync(async () => (await rig.OrdersAsync()).All(o => o.Phase == "Completed")),
            string.Join(", ", (await rig.OrdersAsync()).Select(o => $"{o.Id}:{o.Phase}:{o.Robot}")));
        OrderView reallocated = (await rig.OrdersAsync()).Single(o => o.Id == lostOrder);
        Assert.NotEqual("agv0", reallocated.Robot);
        RobotView lost = (await rig.Http.GetFromJsonAsync<List<RobotView>>(rig.Url("/robots")))!.Single(r => r.SerialNumber == "agv0");
        Assert.False(lost.Online);
        Assert.True(rig.Agvs.MinDistanceM >= 1.0 - 1e-6, $"AGVs came within {rig.Agvs.MinDistanceM} m"); // measured 1.0 m
    }

    private static int Hops(string a, string b)
    {
        static (int X, int Y) Cell(string id)
        {
            string[] p = id[1..].Split('_');
            return (int.Parse(p[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture));
        }

        var (ax, ay) = Cell(a);
        var (bx, by) = Cell(b);
        return Math.Abs(ax - bx) + Math.Abs(ay - by);
    }
}
