using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using MQTTnet;
using StrategicTech.Drivers.Vda5050.Messages;
using StrategicTech.Drivers.Vda5050.Tests;
using StrategicTech.Drivers.Vda5050.Zones;
using StrategicTech.TestSupport;

namespace StrategicTech.Fleet.Tests;

/// <summary>
/// The fleet host sends the site's zone file as a 3.0 zoneSet to every robot when it comes online and again when the
/// set changes; the robot reports it ENABLED in its state; what goes on the wire is strictly 3.0.0-schema valid.
/// </summary>
public sealed class ZoneSetPublisherTests
{
    private static string ZoneFile(string zoneSetId) => $$"""
        {
          "mapId": "small_warehouse",
          "zoneSetId": "{{zoneSetId}}",
          "zoneSetDescriptor": "doors and slow aisle",
          "zones": [
            { "zoneId": "door-1", "zoneType": "RELEASE", "releaseLossBehavior": "STOP",
              "vertices": [ { "x": 10, "y": 4 }, { "x": 12, "y": 4 }, { "x": 12, "y": 6 }, { "x": 10, "y": 6 } ] },
            { "zoneId": "slow-1", "zoneType": "SPEED_LIMIT", "maximumSpeed": 0.5,
              "vertices": [ { "x": 0, "y": 0 }, { "x": 4, "y": 0 }, { "x": 4, "y": 3 } ] },
            { "zoneId": "horn-1", "zoneType": "ACTION",
              "entryActions": [ { "actionType": "horn", "blockingType": "NONE" } ], "duringActions": [], "exitActions": [],
              "vertices": [ { "x": 20, "y": 2 }, { "x": 22, "y": 2 }, { "x": 22, "y": 4 }, { "x": 20, "y": 4 } ] }
          ]
        }
        """;

    private static bool Reports(byte[] statePayload, string zoneSetId, string status)
    {
        using JsonDocument doc = JsonDocument.Parse(statePayload);
        return doc.RootElement.TryGetProperty("zoneSets", out JsonElement sets)
            && sets.EnumerateArray().Any(z => z.GetProperty("zoneSetId").GetString() == zoneSetId && z.GetProperty("zoneSetStatus").GetString() == status);
    }

    [Fact]
    public async Task The_host_sends_its_zone_file_to_a_300_robot_coming_online_and_a_changed_set_replaces_it_in_the_robots_state()
    {
        await using var rig = FleetTestRig.Create(protocolVersion: "3.0.0");
        rig.ZoneSetPath = Path.Combine(rig.Directory, "zones.json");
        await File.WriteAllTextAsync(rig.ZoneSetPath, ZoneFile("site-zones-1"));
        await rig.StartHostAsync();
        Assert.NotNull(rig.Host!.ZoneSets);

        using IMqttClient sniffer = new MqttClientFactory().CreateMqttClient();
        var raw = new ConcurrentQueue<(string Topic, byte[] Payload)>();
        sniffer.ApplicationMessageReceivedAsync += e =>
        {
            raw.Enqueue((e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray()));
            return Task.CompletedTask;
        };
        await sniffer.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", rig.BrokerPort).Build());
        await sniffer.SubscribeAsync("uagv/#");

        await rig.StartAgvsAsync((1, 1));
        bool States(string id, string status) => raw.Any(r => r.Topic.EndsWith("/state", StringComparison.Ordinal) && Reports(r.Payload, id, status));
        Assert.True(await rig.RunUntilAsync(() => Task.FromResult(States("site-zones-1", "ENABLED"))));

        ZoneSetFile.TryParse(Encoding.UTF8.GetBytes(ZoneFile("site-zones-2")), "changed", out ZoneSetDefinition? changed, out string? problem);
        Assert.Null(problem);
        rig.Host.ZoneSets!.Publish(changed!);
        Assert.True(await rig.RunUntilAsync(() => Task.FromResult(States("site-zones-2", "ENABLED") && States("site-zones-1", "DISABLED"))));

        List<(string Topic, byte[] Payload)> zoneSets = [.. raw.Where(r => r.Topic.EndsWith("/zoneSet", StringComparison.Ordinal))];
        Assert.True(zoneSets.Count >= 2, $"{zoneSets.Count} zoneSet messages");
        Assert.All(zoneSets, z => Assert.Equal("uagv/v3/SimCo/agv0/zoneSet", z.Topic));
        var zoneSetSchema = JsonSchemaValidator.LoadStrict(SharedData.PathOf("vda5050", "schemas", "3.0.0", "zoneSet.schema"));
        var stateSchema = JsonSchemaValidator.LoadStrict(SharedData.PathOf("vda5050", "schemas", "3.0.0", "state.schema"));
        foreach ((string topic, byte[] payload) in raw.Where(r => r.Topic.EndsWith("/zoneSet", StringComparison.Ordinal) || r.Topic.EndsWith("/state", StringComparison.Ordinal)))
        {
            var schema = topic.EndsWith("/zoneSet", StringComparison.Ordinal) ? zoneSetSchema : stateSchema;
            List<string> errors = schema.Validate(JsonDocument.Parse(payload).RootElement);
            Assert.True(errors.Count == 0, $"{topic}: {string.Join("; ", errors)}");
        }

        Assert.Equal(0, rig.Host.ZoneSets.SendFailures);
    }

    [Fact]
    public void A_zone_file_with_a_member_of_another_zone_type_is_refused_naming_the_file_and_the_member()
    {
        string text = ZoneFile("z").Replace("\"releaseLossBehavior\": \"STOP\",", "\"releaseLossBehavior\": \"STOP\", \"maximumSpeed\": 1.0,", StringComparison.Ordinal);
        Assert.False(ZoneSetFile.TryParse(Encoding.UTF8.GetBytes(text), "site/zones.json", out ZoneSetDefinition? set, out string? problem));
        Assert.Null(set);
        Assert.Equal("site/zones.json: zoneSet.zones[0].maximumSpeed: not a member of a Release zone", problem);
    }

    [Fact]
    public void A_zone_file_that_is_not_json_is_refused_with_its_line()
    {
        Assert.False(ZoneSetFile.TryParse("{\n  \"mapId\": \"m\",\n  \"zoneSetId\": 7\n}"u8, "zones.json", out _, out string? problem));
        Assert.StartsWith("zones.json: line 3, $.zoneSetId:", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_refuses_a_zone_file_for_another_map()
    {
        await using var rig = FleetTestRig.Create(protocolVersion: "3.0.0");
        rig.ZoneSetPath = Path.Combine(rig.Directory, "zones.json");
        await File.WriteAllTextAsync(rig.ZoneSetPath, ZoneFile("z").Replace("small_warehouse", "other_hall", StringComparison.Ordinal));
        var e = await Assert.ThrowsAsync<InvalidDataException>(rig.StartHostAsync);
        Assert.Contains("zoneSet.mapId 'other_hall' is not the site's map 'small_warehouse'", e.Message, StringComparison.Ordinal);
    }
}
