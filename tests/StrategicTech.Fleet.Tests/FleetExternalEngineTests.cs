using System.Net;
using System.Net.Http.Json;
using StrategicTech.Drivers.Vda5050.Tests;
using StrategicTech.Fleet.Api;
using StrategicTech.Fleet.Orders;
using StrategicTech.Sim.Tests.Batch;

namespace StrategicTech.Fleet.Tests;

/// <summary>The same fleet manager on Mosquitto and PostgreSQL (both started by the test on 127.0.0.1), chosen by configuration alone.</summary>
public class FleetExternalEngineTests
{
    [Fact]
    public async Task On_mosquitto_and_postgresql_orders_posted_over_http_all_complete_without_two_agvs_closer_than_one_cell_and_are_stored_in_postgresql()
    {
        using PostgresServer postgres = PostgresServer.Start();
        using MosquittoBroker mosquitto = MosquittoBroker.Start();
        await using var rig = FleetTestRig.Create(postgres.Url, mosquitto.Port);
        await rig.StartHostAsync();
        await rig.StartAgvsAsync((0, 0), (31, 0), (0, 17));
        (string From, string To)[] jobs = [("c3_5", "c30_14"), ("c12_6", "c1_9"), ("c20_2", "c5_16"), ("c29_9", "c14_13"), ("c2_2", "c27_5")];
        for (int i = 0; i < jobs.Length; i++)
        {
            HttpResponseMessage r = await rig.Http.PostAsJsonAsync(rig.Url("/orders"), new OrderRequest($"m{i}", jobs[i].From, jobs[i].To, "tote", 0, null));
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        }

        bool done = await rig.RunUntilAsync(async () => (await rig.OrdersAsync()).All(o => o.Phase == "Completed"));
        Assert.True(done, string.Join(", ", (await rig.OrdersAsync()).Select(o => $"{o.Id}:{o.Phase}")));
        Assert.True(rig.Agvs!.MinDistanceM >= 1.0 - 1e-6, $"AGVs came within {rig.Agvs.MinDistanceM} m"); // measured 1.0 m
        Assert.False(File.Exists(Path.Combine(rig.Directory, "fleet.db")), "a SQLite file was written although PostgreSQL was configured");

        // The phase changes reached the database, not only the manager's memory (the writer commits them asynchronously).
        await rig.StopHostAsync();
        await using QueuedFleetStore store = FleetStores.Open(postgres.Url);
        IReadOnlyList<TransportOrder> stored = store.LoadAll();
        Assert.Equal(jobs.Select((_, i) => $"m{i}"), stored.Select(o => o.Id));
        Assert.All(stored, o => Assert.Equal(OrderPhase.Completed, o.Phase));
        Assert.All(stored, o => Assert.NotNull(o.Robot));
        Assert.Equal(0, store.FailedWrites);
    }

    [Fact]
    public async Task On_postgresql_accepted_orders_survive_a_restart_once_each_in_acceptance_order_and_a_retried_post_is_answered_from_the_store()
    {
        using PostgresServer postgres = PostgresServer.Start();
        await using var rig = FleetTestRig.Create(postgres.Url);
        await rig.StartHostAsync();
        // A deadline with 100 ns digits: the store keeps microseconds, a retry of the same request must still be "the same".
        var deadline = new DateTimeOffset(2026, 12, 6, 14, 30, 15, TimeSpan.FromHours(1)).AddTicks(1_234_567);
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await rig.Http.PostAsJsonAsync(rig.Url("/orders"), new OrderRequest($"p{i}", "c1_1", "c30_16", "box", i, deadline))).StatusCode);
        }

        await rig.StopHostAsync();
        await rig.StartHostAsync();
        List<OrderView> orders = await rig.OrdersAsync();
        Assert.Equal(["p0", "p1", "p2", "p3"], orders.Select(o => o.Id));
        Assert.All(orders, o => Assert.Equal("Pending", o.Phase));
        Assert.All(orders, o => Assert.Equal(deadline.AddTicks(-7), o.Deadline)); // 1 234 567 ticks kept as 123 456.7 µs → 123 456 µs
        Assert.Equal([0, 1, 2, 3], orders.Select(o => o.Priority));

        var retry = new OrderRequest("p2", "c1_1", "c30_16", "box", 2, deadline);
        Assert.Equal(HttpStatusCode.OK, (await rig.Http.PostAsJsonAsync(rig.Url("/orders"), retry)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await rig.Http.PostAsJsonAsync(rig.Url("/orders"), retry with { To = "c0_9" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await rig.Http.DeleteAsync(rig.Url("/orders/p3"))).StatusCode);
        await rig.StopHostAsync();

        await using QueuedFleetStore store = FleetStores.Open(postgres.Url);
        IReadOnlyList<TransportOrder> stored = store.LoadAll();
        Assert.Equal(4, stored.Count);
        Assert.Equal(OrderPhase.Cancelled, stored.Single(o => o.Id == "p3").Phase);
        Assert.True(stored.Select(o => o.Sequence).SequenceEqual(stored.Select(o => o.Sequence).Order()), "sequence not increasing");
    }

    [Fact]
    public void A_postgresql_url_becomes_an_npgsql_connection_string_and_its_description_hides_the_password()
    {
        (string connection, string description) = FleetStores.PostgresConnectionString("postgres://fleet:s%40cret@db.site:6543/orders");
        Assert.Contains("Host=db.site", connection, StringComparison.Ordinal);
        Assert.Contains("Port=6543", connection, StringComparison.Ordinal);
        Assert.Contains("Password=s@cret", connection, StringComparison.Ordinal);
        Assert.Equal("postgres://fleet@db.site:6543/orders", description);
        Assert.Equal("postgres://fleet@db.site:6543/orders", FleetStores.Describe("postgresql://fleet:s%40cret@db.site:6543/orders"));
        Assert.Equal("/var/lib/fleet.db", FleetStores.Describe("/var/lib/fleet.db"));
        Assert.Throws<ArgumentException>(() => FleetStores.PostgresConnectionString("postgres://"));
    }
}
