using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MQTTnet;
using MQTTnet.Server;
using StrategicTech.Drivers.Vda5050.Messages;

namespace StrategicTech.Drivers.Vda5050.Tests;

/// <summary>Our master and our AGV through an in-process MQTTnet broker on 127.0.0.1 and a free port.</summary>
public sealed class MqttLoopbackTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30); // generous: waiting on sockets, never asserted

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal static async Task<MqttServer> StartBrokerAsync(int port)
    {
        MqttServerOptions options = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
            .WithDefaultEndpointPort(port)
            .Build();
        MqttServer server = new MqttServerFactory().CreateMqttServer(options);
        await server.StartAsync();
        return server;
    }

    internal static async Task<T> Within<T>(Task<T> task)
    {
        Task done = await Task.WhenAny(task, Task.Delay(Timeout));
        Assert.True(done == task, "timed out waiting for a message");
        return await task;
    }

    [Theory]
    [InlineData("2.0.0")]
    [InlineData("2.1.0")]
    public async Task AnOrderReachesTheAgvAndItsStateComesBackWithMonotonicHeaderIds(string version)
    {
        int port = FreePort();
        using MqttServer broker = await StartBrokerAsync(port);
        var ct = CancellationToken.None;
        await using var agv = new Vda5050AgvClient(new Vda5050ClientOptions("127.0.0.1", port, "StrategicTech", "AMR-1", version));
        await using var master = new Vda5050MasterClient(new Vda5050ClientOptions("127.0.0.1", port, "StrategicTech", "fleet", version));
        var online = new TaskCompletionSource<Connection>(TaskCreationOptions.RunContinuationsAsynchronously);
        var states = new ConcurrentQueue<State>();
        var twoStates = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var orderIn = new TaskCompletionSource<Order>(TaskCreationOptions.RunContinuationsAsynchronously);
        master.ConnectionReceived += c => online.TrySetResult(c);
        master.StateReceived += s =>
        {
            states.Enqueue(s);
            if (states.Count == 2)
            {
                twoStates.TrySetResult(true);
            }
        };
        agv.OrderReceived += o => orderIn.TrySetResult(o);
        await master.ConnectAsync(ct);
        await agv.ConnectAsync(ct);

        Connection connection = await Within(online.Task);
        Assert.Equal(ConnectionState.Online, connection.ConnectionState);
        Assert.Equal(version, connection.Version);

        await master.SendOrderAsync("StrategicTech", "AMR-1", SampleMessages.FullOrder(), ct);
        Order received = await Within(orderIn.Task);
        Assert.Equal("order-1", received.OrderId);
        Assert.Equal(0u, received.HeaderId);
        Assert.Equal(version, received.Version);

        await agv.PublishStateAsync(SampleMessages.MinimalState(received.OrderId), ct);
        await agv.PublishStateAsync(SampleMessages.MinimalState(received.OrderId), ct);
        await Within(twoStates.Task);
        Assert.Equal([0u, 1u], states.Select(s => s.HeaderId));
        Assert.All(states, s => Assert.Equal("order-1", s.OrderId));
        await agv.DisconnectAsync(ct);
        await master.DisconnectAsync(ct);
    }

    [Fact]
    public async Task AnInvalidOrderIsCountedAndReportedInTheNextStateAndTheAgvKeepsWorking()
    {
        int port = FreePort();
        using MqttServer broker = await StartBrokerAsync(port);
        var ct = CancellationToken.None;
        await using var agv = new Vda5050AgvClient(new Vda5050ClientOptions("127.0.0.1", port, "StrategicTech", "AMR-2"));
        await using var master = new Vda5050MasterClient(new Vda5050ClientOptions("127.0.0.1", port, "StrategicTech", "fleet"));
        var orderIn = new TaskCompletionSource<Order>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stateIn = new TaskCompletionSource<State>(TaskCreationOptions.RunContinuationsAsynchronously);
        agv.OrderReceived += o => orderIn.TrySetResult(o);
        master.StateReceived += s => stateIn.TrySetResult(s);
        await master.ConnectAsync(ct);
        await agv.ConnectAsync(ct);

        using IMqttClient raw = new MqttClientFactory().CreateMqttClient();
        await raw.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).Build(), ct);
        await raw.PublishStringAsync(agv.TopicOf(Vda5050Topics.Order), "{\"headerId\": 9, \"orderId\": 5", cancellationToken: ct);
        // A valid order after the bad one still arrives: the bad one was rejected, not fatal.
        await master.SendOrderAsync("StrategicTech", "AMR-2", SampleMessages.FullOrder(), ct);
        Order received = await Within(orderIn.Task);
        Assert.Equal("order-1", received.OrderId);

        // The two publishes come over different connections, so the broker may deliver the valid order first: wait for the rejection.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (agv.RejectedCount == 0 && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(10, ct);
        }

        Assert.Equal(1, agv.RejectedCount);

        await agv.PublishStateAsync(SampleMessages.MinimalState(), ct);
        State state = await Within(stateIn.Task);
        Vda5050Error error = Assert.Single(state.Errors);
        Assert.Equal("validationError", error.ErrorType);
        Assert.Contains(error.ErrorReferences!, r => r.ReferenceKey == "headerId" && r.ReferenceValue == "9");
        await raw.DisconnectAsync(cancellationToken: ct);
        await agv.DisconnectAsync(ct);
        await master.DisconnectAsync(ct);
    }

    [Fact]
    public async Task AStateOfAnotherMajorVersionIsRejectedAndCountedByTheMaster()
    {
        int port = FreePort();
        using MqttServer broker = await StartBrokerAsync(port);
        var ct = CancellationToken.None;
        await using var master = new Vda5050MasterClient(new Vda5050ClientOptions("127.0.0.1", port, "StrategicTech", "fleet", "2.0.0"));
        var rejected = new TaskCompletionSource<(Vda5050Error, string)>(TaskCreationOptions.RunContinuationsAsynchronously);
        master.MessageRejected += (e, topic) => rejected.TrySetResult((e, topic));
        await master.ConnectAsync(ct);
        State state = SampleMessages.MinimalState();
        state.Version = "3.0.0";
        using IMqttClient raw = new MqttClientFactory().CreateMqttClient();
        await raw.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).Build(), ct);
        await raw.PublishBinaryAsync("uagv/v2/Other/agv-9/state", Vda5050Codec.Encode(state), cancellationToken: ct);
        (Vda5050Error error, string topic) = await Within(rejected.Task);
        Assert.Equal("uagv/v2/Other/agv-9/state", topic);
        Assert.Contains("3.0.0", error.ErrorDescription, StringComparison.Ordinal);
        Assert.Equal(1, master.RejectedCount);
        await raw.DisconnectAsync(cancellationToken: ct);
        await master.DisconnectAsync(ct);
    }
}
