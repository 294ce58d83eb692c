using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Server;
using StrategicTech.Drivers.Vda5050.Messages;
using StrategicTech.TestSupport;

namespace StrategicTech.Drivers.Vda5050.Tests;

/// <summary>
/// Our master client and our AGV client on 3.0.0: an order of three nodes driven to its end with state and
/// visualization, instant actions reported apart in instantActionStates, every payload strictly 3.0.0-schema valid.
/// The AGV's driving is scripted here (one state per event); the fleet manager with simulated AGVs on 3.0.0 is
/// exercised in StrategicTech.Fleet.Tests.
/// </summary>
public sealed class Vda5050V3OrderLoopbackTests
{
    private static Order ThreeNodeOrder() => new()
    {
        HeaderId = 0, Timestamp = "", Version = "", Manufacturer = "", SerialNumber = "",
        OrderId = "o-1", OrderUpdateId = 0, OrderDescription = "to dock",
        Nodes =
        [
            Node("n0", 0, 0),
            Node("n2", 2, 1, new Vda5050Action { ActionType = "pick", ActionId = "pick-1", BlockingType = BlockingType.Hard, Retriable = true }),
            Node("n4", 4, 2),
        ],
        Edges = [Edge("e1", 1, "n0", "n2"), Edge("e3", 3, "n2", "n4")],
    };

    private static Node Node(string id, uint sequence, double xM, params Vda5050Action[] actions) => new()
    {
        NodeId = id, SequenceId = sequence, Released = true, Actions = [.. actions],
        NodePosition = new NodePosition { XM = xM, YM = 0, MapId = "hall", AllowedDeviationXyM = 0.1 },
    };

    private static Edge Edge(string id, uint sequence, string from, string to) => new()
    {
        EdgeId = id, SequenceId = sequence, Released = true, StartNodeId = from, EndNodeId = to, MaxSpeedMps = 1, Actions = [],
    };

    /// <summary>The state of an AGV that has passed node index <paramref name="last"/> of the order (2.x-style: one list of action states).</summary>
    private static State StateAt(Order order, int last, bool driving, List<ActionState> actionStates) => new()
    {
        HeaderId = 0, Timestamp = "", Version = "", Manufacturer = "", SerialNumber = "",
        OrderId = order.OrderId, OrderUpdateId = order.OrderUpdateId,
        LastNodeId = order.Nodes[last].NodeId, LastNodeSequenceId = order.Nodes[last].SequenceId, Driving = driving,
        OperatingMode = OperatingMode.Automatic,
        NodeStates = [.. order.Nodes.Skip(last + 1).Select(n => new NodeState { NodeId = n.NodeId, SequenceId = n.SequenceId, Released = n.Released })],
        EdgeStates = [.. order.Edges.Skip(last).Select(e => new EdgeState { EdgeId = e.EdgeId, SequenceId = e.SequenceId, Released = e.Released })],
        AgvPosition = new AgvPosition { XM = order.Nodes[last].NodePosition!.XM, YM = 0, ThetaRad = 0, MapId = "hall", PositionInitialized = true },
        ActionStates = [.. actionStates.Select(a => new ActionState { ActionId = a.ActionId, ActionType = a.ActionType, ActionStatus = a.ActionStatus })],
        BatteryState = new BatteryState { BatteryChargePercent = 90, Charging = false },
        Errors = [], SafetyState = new SafetyState { EStop = EStop.None, FieldViolation = false },
    };

    [Fact]
    public async Task A300OrderIsDrivenToItsLastNodeWithStateVisualizationAndInstantActionsAllSchemaValid()
    {
        int port = MqttLoopbackTests.FreePort();
        using MqttServer broker = await MqttLoopbackTests.StartBrokerAsync(port);
        var ct = CancellationToken.None;
        await using var agv = new Vda5050AgvClient(new Vda5050ClientOptions("127.0.0.1", port, "StrategicTech", "AMR-4", "3.0.0"));
        await using var master = new Vda5050MasterClient(new Vda5050ClientOptions("127.0.0.1", port, "StrategicTech", "fleet", "3.0.0"));
        var orderIn = new TaskCompletionSource<Order>(TaskCreationOptions.RunContinuationsAsynchronously);
        var instantIn = new ConcurrentQueue<InstantActions>();
        var states = new ConcurrentQueue<State>();
        var visualizations = new ConcurrentQueue<Visualization>();
        var online = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        agv.OrderReceived += o => orderIn.TrySetResult(o);
        agv.InstantActionsReceived += instantIn.Enqueue;
        master.StateReceived += states.Enqueue;
        master.VisualizationReceived += visualizations.Enqueue;
        master.ConnectionReceived += c => online.TrySetResult(c.ConnectionState == ConnectionState.Online);

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
        await agv.ConnectAsync(ct);
        Assert.True(await MqttLoopbackTests.Within(online.Task));

        await master.SendOrderAsync("StrategicTech", "AMR-4", ThreeNodeOrder(), ct);
        Order order = await MqttLoopbackTests.Within(orderIn.Task);
        Assert.Equal([("n0", "n2"), ("n2", "n4")], order.Edges.Select(e => (e.StartNodeId, e.EndNodeId)));
        Assert.True(order.Nodes[1].Actions[0].Retriable);

        var actions = new List<ActionState> { new() { ActionId = "pick-1", ActionType = "pick", ActionStatus = ActionStatus.Waiting } };
        await agv.PublishStateAsync(StateAt(order, 0, driving: true, actions), ct);
        await agv.PublishVisualizationAsync(new Visualization
        {
            HeaderId = 0, Timestamp = "", Version = "", Manufacturer = "", SerialNumber = "",
            AgvPosition = new AgvPosition { XM = 0.5, YM = 0, ThetaRad = 0, MapId = "hall", PositionInitialized = true },
            Velocity = new Velocity { VxMps = 1 },
        }, ct);

        // Pause and resume on the way, as instant actions (blockingType NONE, the only one 3.0 allows).
        await master.SendInstantActionsAsync("StrategicTech", "AMR-4", new InstantActions
        {
            HeaderId = 0, Timestamp = "", Version = "", Manufacturer = "", SerialNumber = "",
            Actions =
            [
                new Vda5050Action { ActionType = "startPause", ActionId = "ia-1", BlockingType = BlockingType.None },
                new Vda5050Action { ActionType = "stopPause", ActionId = "ia-2", BlockingType = BlockingType.None },
            ],
        }, ct);
        await WaitUntil(() => !instantIn.IsEmpty);
        actions.Add(new ActionState { ActionId = "ia-1", ActionType = "startPause", ActionStatus = ActionStatus.Finished });
        actions.Add(new ActionState { ActionId = "ia-2", ActionType = "stopPause", ActionStatus = ActionStatus.Finished });

        actions[0].ActionStatus = ActionStatus.Running;
        await agv.PublishStateAsync(StateAt(order, 1, driving: false, actions), ct);
        actions[0].ActionStatus = ActionStatus.Finished;
        await agv.PublishStateAsync(StateAt(order, 1, driving: true, actions), ct);
        await agv.PublishStateAsync(StateAt(order, 2, driving: false, actions), ct);
        await WaitUntil(() => states.Count == 4 && visualizations.Count == 1);

        State[] seen = [.. states];
        Assert.Equal([0u, 1u, 2u, 3u], seen.Select(s => s.HeaderId));
        Assert.All(seen, s => Assert.Equal("3.0.0", s.Version));
        State end = seen[^1];
        Assert.Equal(("n4", 4u, false), (end.LastNodeId, end.LastNodeSequenceId, end.Driving));
        Assert.Empty(end.NodeStates);
        Assert.Empty(end.EdgeStates);
        Assert.Equal(("pick-1", ActionStatus.Finished), (Assert.Single(end.ActionStates).ActionId, end.ActionStates[0].ActionStatus));
        Assert.Equal(["ia-1", "ia-2"], end.InstantActionStates!.Select(a => a.ActionId));
        Assert.Empty(seen[0].InstantActionStates!);
        Assert.Equal(2, end.AgvPosition!.XM);

        Visualization v = Assert.Single(visualizations);
        Assert.Equal(0u, v.ReferenceStateHeaderId); // the state sent just before it
        Assert.Equal(0.5, v.AgvPosition!.XM);
        Assert.Equal(0, master.RejectedCount);
        Assert.Equal(0, agv.RejectedCount);

        await WaitUntil(() => raw.Count(r => r.Topic.EndsWith("/state", StringComparison.Ordinal)) == 4);
        var topics = raw.Select(r => r.Topic[(r.Topic.LastIndexOf('/') + 1)..]).ToHashSet();
        Assert.Superset(new HashSet<string> { "connection", "order", "instantActions", "state", "visualization" }, topics);
        foreach ((string topic, byte[] payload) in raw)
        {
            Assert.StartsWith("uagv/v3/StrategicTech/AMR-4/", topic, StringComparison.Ordinal);
            string name = topic[(topic.LastIndexOf('/') + 1)..];
            var schema = JsonSchemaValidator.LoadStrict(SharedData.PathOf("vda5050", "schemas", "3.0.0", name + ".schema"));
            Assert.Empty(schema.Validate(JsonDocument.Parse(payload).RootElement));
        }

        await agv.DisconnectAsync(ct);
        await master.DisconnectAsync(ct);
        await sniffer.DisconnectAsync(cancellationToken: ct);
    }

    [Fact]
    public async Task The300MastersResponsesToARequestReachTheAgvSchemaValidAndA2xMasterCannotSendThem()
    {
        int port = MqttLoopbackTests.FreePort();
        using MqttServer broker = await MqttLoopbackTests.StartBrokerAsync(port);
        var ct = CancellationToken.None;
        await using var agv = new Vda5050AgvClient(new Vda5050ClientOptions("127.0.0.1", port, "StrategicTech", "AMR-6", "3.0.0"));
        await using var master = new Vda5050MasterClient(new Vda5050ClientOptions("127.0.0.1", port, "StrategicTech", "fleet", "3.0.0"));
        await using var master2 = new Vda5050MasterClient(new Vda5050ClientOptions("127.0.0.1", port, "StrategicTech", "fleet2", "2.1.0"));
        var received = new TaskCompletionSource<Responses>(TaskCreationOptions.RunContinuationsAsynchronously);
        agv.ResponsesReceived += r => received.TrySetResult(r);
        var raw = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        using IMqttClient sniffer = new MqttClientFactory().CreateMqttClient();
        sniffer.ApplicationMessageReceivedAsync += e =>
        {
            raw.TrySetResult(e.ApplicationMessage.Payload.ToArray());
            return Task.CompletedTask;
        };
        await sniffer.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).Build(), ct);
        await sniffer.SubscribeAsync("uagv/v3/StrategicTech/AMR-6/responses", cancellationToken: ct);
        await master.ConnectAsync(ct);
        await agv.ConnectAsync(ct);

        var responses = new Responses
        {
            HeaderId = 0, Timestamp = "", Version = "", Manufacturer = "", SerialNumber = "",
            Items =
            [
                new RequestResponse { RequestId = "er1", GrantType = GrantType.Granted, LeaseExpiry = "2026-12-06T10:00:30.00Z" },
                new RequestResponse { RequestId = "zr1", GrantType = GrantType.Queued },
            ],
        };
        await master.SendResponsesAsync("StrategicTech", "AMR-6", responses, ct);
        Responses got = await MqttLoopbackTests.Within(received.Task);
        Assert.Equal([("er1", GrantType.Granted), ("zr1", GrantType.Queued)], got.Items.Select(r => (r.RequestId, r.GrantType)));
        Assert.Equal("2026-12-06T10:00:30.00Z", got.Items[0].LeaseExpiry);
        Assert.Equal("3.0.0", got.Version);
        var schema = JsonSchemaValidator.LoadStrict(SharedData.PathOf("vda5050", "schemas", "3.0.0", "responses.schema"));
        Assert.Empty(schema.Validate(JsonDocument.Parse(await MqttLoopbackTests.Within(raw.Task)).RootElement));
        await Assert.ThrowsAsync<NotSupportedException>(() => master2.SendResponsesAsync("StrategicTech", "AMR-6", responses, ct));
        Assert.Equal(0, agv.RejectedCount);

        await agv.DisconnectAsync(ct);
        await master.DisconnectAsync(ct);
        await sniffer.DisconnectAsync(cancellationToken: ct);
    }

    [Fact]
    public async Task A300VisualizationBeforeAnyStateIsRefusedByTheAgvClient()
    {
        await using var agv = new Vda5050AgvClient(new Vda5050ClientOptions("127.0.0.1", 1, "StrategicTech", "AMR-5", "3.0.0"));
        var v = new Visualization { HeaderId = 0, Timestamp = "", Version = "", Manufacturer = "", SerialNumber = "" };
        await Assert.ThrowsAsync<InvalidOperationException>(() => agv.PublishVisualizationAsync(v, CancellationToken.None));
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!condition() && waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(10);
        }

        Assert.True(condition(), "timed out waiting for messages");
    }
}
