using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Server;
using StrategicTech.Drivers.Vda5050.Messages;
using StrategicTech.TestSupport;

namespace StrategicTech.Drivers.Vda5050.Tests;

/// <summary>Our master and our AGV on a 3.0.0 connection (topics uagv/v3/...), beside a 2.0.0 master on the same broker.</summary>
public sealed class Vda5050V3LoopbackTests
{
    [Fact]
    public async Task A300AgvAnnouncesItselfAndAnswersFactsheetRequestWithSchemaValid300MessagesThatA200MasterNeverSees()
    {
        int port = MqttLoopbackTests.FreePort();
        using MqttServer broker = await MqttLoopbackTests.StartBrokerAsync(port);
        var ct = CancellationToken.None;
        await using var agv = new Vda5050AgvClient(new Vda5050ClientOptions("127.0.0.1", port, "StrategicTech", "AMR-3", "3.0.0"), factsheet: SampleFactsheet.Full());
        await using var master = new Vda5050MasterClient(new Vda5050ClientOptions("127.0.0.1", port, "StrategicTech", "fleet", "3.0.0"));
        await using var master2 = new Vda5050MasterClient(new Vda5050ClientOptions("127.0.0.1", port, "StrategicTech", "fleet2", "2.0.0"));
        var online = new TaskCompletionSource<Connection>(TaskCreationOptions.RunContinuationsAsynchronously);
        var factsheets = new ConcurrentQueue<FactsheetV3>();
        var first = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var second = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        master.ConnectionReceived += c => online.TrySetResult(c);
        master.FactsheetV3Received += f =>
        {
            factsheets.Enqueue(f);
            (factsheets.Count == 1 ? first : second).TrySetResult(true);
        };
        int seenByV2 = 0;
        master2.ConnectionReceived += _ => Interlocked.Increment(ref seenByV2);
        master2.FactsheetReceived += _ => Interlocked.Increment(ref seenByV2);

        // Every payload on the 3.0 topics, to validate against the 3.0.0 schemas.
        var raw = new ConcurrentQueue<(string Topic, byte[] Payload)>();
        using IMqttClient sniffer = new MqttClientFactory().CreateMqttClient();
        sniffer.ApplicationMessageReceivedAsync += e =>
        {
            raw.Enqueue((e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray()));
            return Task.CompletedTask;
        };
        await sniffer.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).Build(), ct);
        await sniffer.SubscribeAsync("uagv/#", cancellationToken: ct);
        await master.ConnectAsync(ct);
        await master2.ConnectAsync(ct);
        await agv.ConnectAsync(ct);

        Connection connection = await MqttLoopbackTests.Within(online.Task);
        Assert.Equal(ConnectionState.Online, connection.ConnectionState);
        Assert.Equal("3.0.0", connection.Version);
        await MqttLoopbackTests.Within(first.Task);

        var request = new InstantActions
        {
            HeaderId = 0, Timestamp = "", Version = "", Manufacturer = "", SerialNumber = "",
            Actions = [new Vda5050Action { ActionId = "fs-1", ActionType = "factsheetRequest", BlockingType = BlockingType.None }],
        };
        await master.SendInstantActionsAsync("StrategicTech", "AMR-3", request, ct);
        await MqttLoopbackTests.Within(second.Task);

        Assert.Equal(2, agv.FactsheetsSent);
        FactsheetV3 stored = Assert.IsType<FactsheetV3>(master.Factsheets["StrategicTech/AMR-3"]);
        Assert.Equal("3.0.0", stored.Version);
        Assert.Equal("DIFF", stored.TypeSpecification.MobileRobotKinematics);
        Assert.Equal(1u, stored.HeaderId); // header ids count per topic: 0 on connect, 1 on request
        Assert.Equal(0, Volatile.Read(ref seenByV2));
        Assert.Equal(0, master.RejectedCount);

        request.Actions[0].BlockingType = BlockingType.Hard;
        await Assert.ThrowsAsync<ArgumentException>(() => master.SendInstantActionsAsync("StrategicTech", "AMR-3", request, ct));

        // Wait until the sniffer has the instant action too (it was published before the second factsheet).
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (raw.Count(r => r.Topic.EndsWith("/factsheet", StringComparison.Ordinal)) < 2 && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(10, ct);
        }

        var topics = raw.Select(r => r.Topic).ToList();
        Assert.Contains("uagv/v3/StrategicTech/AMR-3/connection", topics);
        Assert.Contains("uagv/v3/StrategicTech/AMR-3/instantActions", topics);
        Assert.Equal(2, topics.Count(t => t == "uagv/v3/StrategicTech/AMR-3/factsheet"));
        Assert.DoesNotContain(topics, t => t.StartsWith("uagv/v2/", StringComparison.Ordinal));
        foreach ((string topic, byte[] payload) in raw)
        {
            string name = topic[(topic.LastIndexOf('/') + 1)..];
            var schema = JsonSchemaValidator.Load(SharedData.PathOf("vda5050", "schemas", "3.0.0", name + ".schema"));
            Assert.Empty(schema.Validate(JsonDocument.Parse(payload).RootElement));
        }

        await agv.DisconnectAsync(ct);
        await master.DisconnectAsync(ct);
        await master2.DisconnectAsync(ct);
        await sniffer.DisconnectAsync(cancellationToken: ct);
    }
}
