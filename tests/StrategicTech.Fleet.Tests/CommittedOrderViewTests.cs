using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using StrategicTech.Fleet.Api;
using StrategicTech.Fleet.Core;
using StrategicTech.Fleet.Orders;
using StrategicTech.Fleet.Site;

namespace StrategicTech.Fleet.Tests;

/// <summary>
/// The HTTP API reports an order's phase only once the store has committed it: the manager runs ahead in memory,
/// its writes are held before the commit, and the API (checked against the database) waits for each one.
/// </summary>
public class CommittedOrderViewTests
{
    [Fact]
    public async Task An_order_completed_in_memory_is_reported_by_the_api_in_each_phase_only_after_that_phase_is_committed()
    {
        HeldCommitStore? held = null;
        await using var fleet = new InProcessFleet(FleetSite.BundledAwsWarehouse(), new FleetManagerOptions(), [(10, 13)], storeInFront: s => held = new HeldCommitStore(s));
        await using WebApplication api = await StartApiAsync(fleet.Manager);
        using var http = new HttpClient { BaseAddress = new Uri(api.Urls.Single()), Timeout = TimeSpan.FromSeconds(60) };

        HttpResponseMessage posted = await http.PostAsJsonAsync("/orders", new OrderRequest("o1", "c5_8", "c1_13", "tote", 0, null));
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode); // the accept is not held: 201 after its commit
        Assert.True(fleet.RunUntil(() => fleet.Manager.Order("o1")!.Phase == OrderPhase.Completed, limitS: 300), LifelongPlanningTests.Describe(fleet));

        // Completed in memory, nothing of it committed: the API and the database both still say Pending.
        Assert.Equal(3, held!.Held); // Assigned, Loaded, Completed queued
        Assert.Equal("Pending", (await OrderAsync(http, "o1")).Phase);
        Assert.Equal(OrderPhase.Pending, held.LoadAll().Single().Phase);
        Assert.Equal("Pending", (await http.GetFromJsonAsync<List<OrderView>>("/orders"))!.Single().Phase);

        foreach (OrderPhase next in new[] { OrderPhase.Assigned, OrderPhase.Loaded, OrderPhase.Completed })
        {
            OrderPhase shownBefore = Enum.Parse<OrderPhase>((await OrderAsync(http, "o1")).Phase);
            Assert.True(shownBefore < next, $"the API showed {shownBefore} before {next} was committed");
            TransportOrder released = await held.ReleaseOneAsync();
            Assert.Equal(next, released.Phase);
            Assert.Equal(next, held.LoadAll().Single().Phase);
            Assert.True(await EventuallyAsync(async () => (await OrderAsync(http, "o1")).Phase == next.ToString()), $"the API never showed the committed {next}");
        }

        OrderView done = await OrderAsync(http, "o1");
        Assert.Equal("agv0", done.Robot);
        Assert.NotNull(done.CompletedAt);
        Assert.Equal(0, held.Held);
    }

    [Fact]
    public async Task A_cancellation_is_answered_204_and_reported_only_after_its_commit()
    {
        HeldCommitStore? held = null;
        await using var fleet = new InProcessFleet(FleetSite.BundledAwsWarehouse(), new FleetManagerOptions(), [(10, 13)], storeInFront: s => held = new HeldCommitStore(s));
        await using WebApplication api = await StartApiAsync(fleet.Manager);
        using var http = new HttpClient { BaseAddress = new Uri(api.Urls.Single()), Timeout = TimeSpan.FromSeconds(60) };
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsJsonAsync("/orders", new OrderRequest("c1", "c5_8", "c1_13", "tote", 0, null))).StatusCode);

        // No step runs, so the order stays Pending and only the cancellation is queued.
        Task<HttpResponseMessage> cancel = http.DeleteAsync(new Uri("/orders/c1", UriKind.Relative));
        Assert.True(await EventuallyAsync(() => Task.FromResult(held!.Held == 1)), "the cancellation never reached the store");
        Assert.Equal(OrderPhase.Cancelled, fleet.Manager.Order("c1")!.Phase);
        Assert.False(cancel.IsCompleted, "DELETE answered before the cancellation was committed");
        Assert.Equal("Pending", (await OrderAsync(http, "c1")).Phase);

        await held!.ReleaseOneAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await cancel).StatusCode);
        Assert.Equal("Cancelled", (await OrderAsync(http, "c1")).Phase); // shown before the 204 was answered
        Assert.Equal(OrderPhase.Cancelled, held.LoadAll().Single().Phase);
        Assert.Equal(HttpStatusCode.Conflict, (await http.DeleteAsync(new Uri("/orders/c1", UriKind.Relative))).StatusCode);
    }

    private static async Task<WebApplication> StartApiAsync(FleetManager manager)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{FleetTestRig.FreePort()}");
        WebApplication app = builder.Build();
        app.MapFleetApi(manager);
        await app.StartAsync();
        return app;
    }

    private static async Task<OrderView> OrderAsync(HttpClient http, string id) => (await http.GetFromJsonAsync<OrderView>($"/orders/{id}"))!;

    private static async Task<bool> EventuallyAsync(Func<Task<bool>> done)
    {
        DateTime deadline = DateTime.UtcNow + FleetTestRig.Timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await done())
            {
                return true;
            }

            await Task.Delay(10);
        }

        return false;
    }
}
