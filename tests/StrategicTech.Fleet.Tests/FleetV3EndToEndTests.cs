using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MQTTnet;
using StrategicTech.Drivers.Vda5050.Tests;
using StrategicTech.Fleet.Api;
using StrategicTech.TestSupport;

namespace StrategicTech.Fleet.Tests;

/// <summary>The fleet manager and the simulated AGVs on VDA 5050 3.0.0 (topics uagv/v3/...), as FleetEndToEndTests on 2.0.0.</summary>
public class FleetV3EndToEndTests
{
    [Fact]
    public async Task On_300_orders_posted_over_http_complete_through_a_pause_and_resume_and_every_vda5050_payload_is_strictly_300_schema_valid()
    {
        await using var rig = FleetTestRig.Create(protocolVersion: "3.0.0");
        await rig.StartHostAsync();
        var raw = new ConcurrentQueue<(string Topic, byte[] Payload)>();
        using IMqttClient sniffer = new MqttClientFactory().CreateMqttClient();
        sniffer.ApplicationMessageReceivedAsync += e =>
        {
            raw.Enqueue((e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray()));
            return Task.CompletedTask;
        };
        await sniffer.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", rig.BrokerPort).Build());
        await sniffer.SubscribeAsync("uagv/#");
        await rig.StartAgvsAsync((0, 0), (31, 17));
        (string From, string To)[] jobs = [("c3_5", "c30_14"), ("c29_9", "c14_13"), ("c12_6", "c1_9"), ("c25_15", "c20_9")];
        for (int i = 0; i < jobs.Length; i++)
        {
            HttpResponseMessage r = await rig.Http.PostAsJsonAsync(rig.Url("/orders"), new OrderRequest($"o{i}", jobs[i].From, jobs[i].To, "pallet", 0, null));
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        }

        // Pause the whole fleet once orders are out, step a while, resume: startPause / stopPause as 3.0 instant actions.
        Assert.True(await rig.RunUntilAsync(async () => (await rig.OrdersAsync()).Any(o => o.Phase is "Assigned" or "Loaded")));
        Assert.Equal(HttpStatusCode.OK, (await rig.Http.PostAsync(rig.Url("/fleet/pause"), null)).StatusCode);
        Assert.True(await rig.RunUntilAsync(() => Task.FromResult(rig.Agvs!.Agvs.All(a => a.Paused))));
        Assert.Equal(HttpStatusCode.OK, (await rig.Http.PostAsync(rig.Url("/fleet/resume"), null)).StatusCode);

        bool done = await rig.RunUntilAsync(async () => (await rig.OrdersAsync()).All(o => o.Phase == "Completed"));
        List<OrderView> orders = await rig.OrdersAsync();
        Assert.True(done, string.Join(", ", orders.Select(o => $"{o.Id}:{o.Phase}")));
        Assert.Equal(jobs.Length, orders.Count);
        Assert.True(rig.Agvs!.MinDistanceM >= 1.0 - 1e-6, $"AGVs came within {rig.Agvs.MinDistanceM} m"); // 1 m cells, as on 2.0.0
        Assert.Equal(0, rig.Host!.Manager!.PlanningFailures);

        var topics = raw.Select(r => r.Topic).ToList();
        Assert.DoesNotContain(topics, t => !t.StartsWith("uagv/v3/", StringComparison.Ordinal));
        foreach (string name in new[] { "connection", "factsheet", "order", "instantActions", "state" })
        {
            Assert.Contains(topics, t => t.EndsWith("/" + name, StringComparison.Ordinal));
        }

        foreach ((string topic, byte[] payload) in raw)
        {
            string name = topic[(topic.LastIndexOf('/') + 1)..];
            var schema = JsonSchemaValidator.LoadStrict(SharedData.PathOf("vda5050", "schemas", "3.0.0", name + ".schema"));
            List<string> errors = schema.Validate(JsonDocument.Parse(payload).RootElement);
            Assert.True(errors.Count == 0, $"{topic}: {string.Join("; ", errors)}");
        }

        await sniffer.DisconnectAsync();
    }
}
