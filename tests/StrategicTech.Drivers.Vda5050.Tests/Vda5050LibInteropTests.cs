using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using StrategicTech.Drivers.Vda5050.Messages;
using StrategicTech.TestSupport;

namespace StrategicTech.Drivers.Vda5050.Tests;

/// <summary>
/// Interop with an independent implementation, vda-5050-lib 1.4.0 (tests/peers/vda5050-peer.mjs, VDA 5050 2.0.0),
/// through Mosquitto started here. vda-5050-lib rejects any message whose version is not exactly its own, so our
/// side speaks 2.0.0 on these connections.
/// </summary>
public sealed class Vda5050LibInteropTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60); // generous: waiting on processes and sockets

    private static Process StartPeer(string mode, int port, string serial, BlockingCollection<string> lines)
    {
        string peers = Path.Combine(SharedData.RepositoryRoot, "tests", "peers");
        Assert.True(Directory.Exists(Path.Combine(peers, "node_modules", "vda-5050-lib")), $"vda-5050-lib is not installed: run 'npm ci' in {peers} (test.sh does)");
        var start = new ProcessStartInfo("node", ["vda5050-peer.mjs", mode, port.ToString(CultureInfo.InvariantCulture), "StrategicTech", serial])
        {
            WorkingDirectory = peers,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process node = Process.Start(start)!;
        node.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lines.Add(e.Data);
            }
        };
        node.BeginOutputReadLine();
        return node;
    }

    private static string WaitForLine(BlockingCollection<string> lines, string prefix)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < Timeout)
        {
            if (lines.TryTake(out string? line, TimeSpan.FromSeconds(1)) && line.StartsWith(prefix, StringComparison.Ordinal))
            {
                return line;
            }
        }

        Assert.Fail($"the peer did not print '{prefix}'");
        return string.Empty;
    }

    private static async Task<T> Within<T>(Task<T> task)
    {
        Task done = await Task.WhenAny(task, Task.Delay(Timeout));
        Assert.True(done == task, "timed out waiting for a message");
        return await task;
    }

    [Fact]
    public async Task VdaLibAsMasterSendsAnOrderToOurAgvAndReceivesOurState()
    {
        using MosquittoBroker broker = MosquittoBroker.Start();
        var ct = CancellationToken.None;
        await using var agv = new Vda5050AgvClient(new Vda5050ClientOptions("127.0.0.1", broker.Port, "StrategicTech", "AMR-7", "2.0.0"));
        var orderIn = new TaskCompletionSource<Order>(TaskCreationOptions.RunContinuationsAsynchronously);
        agv.OrderReceived += o => orderIn.TrySetResult(o);
        await agv.ConnectAsync(ct);

        var lines = new BlockingCollection<string>();
        using Process node = StartPeer("master", broker.Port, "AMR-7", lines);
        Order order = await Within(orderIn.Task);
        Assert.Equal("interop-order-1", order.OrderId);
        Assert.Equal("2.0.0", order.Version);
        Assert.Equal(["n1", "n2"], order.Nodes.Select(n => n.NodeId));
        Assert.Equal(BlockingType.Hard, order.Nodes[1].Actions[0].BlockingType);
        Assert.Equal("warehouse", order.Nodes[0].NodePosition!.MapId);

        await agv.PublishStateAsync(SampleMessages.MinimalState(order.OrderId), ct);
        string stateLine = WaitForLine(lines, "STATE ");
        using JsonDocument state = JsonDocument.Parse(stateLine["STATE ".Length..]);
        Assert.Equal("interop-order-1", state.RootElement.GetProperty("orderId").GetString());
        Assert.Equal("AMR-7", state.RootElement.GetProperty("serialNumber").GetString());
        Assert.True(node.WaitForExit(60_000), "vda-5050-lib master did not finish");
        Assert.Equal(0, node.ExitCode);
        Assert.Equal(0, agv.RejectedCount);
        await agv.DisconnectAsync(ct);
    }

    [Fact]
    public async Task OurMasterSendsAnOrderToVdaLibAsAgvAndReceivesItsState()
    {
        using MosquittoBroker broker = MosquittoBroker.Start();
        var ct = CancellationToken.None;
        var lines = new BlockingCollection<string>();
        using Process node = StartPeer("agv", broker.Port, "AGV-9", lines);
        WaitForLine(lines, "READY");

        await using var master = new Vda5050MasterClient(new Vda5050ClientOptions("127.0.0.1", broker.Port, "StrategicTech", "fleet", "2.0.0"));
        var stateIn = new TaskCompletionSource<State>(TaskCreationOptions.RunContinuationsAsynchronously);
        master.StateReceived += s => stateIn.TrySetResult(s);
        await master.ConnectAsync(ct);
        Order order = SampleMessages.FullOrder();
        order.Edges[0].Corridor = null; // corridor is a 2.1 field; this connection speaks 2.0.0
        await master.SendOrderAsync("StrategicTech", "AGV-9", order, ct);

        string orderLine = WaitForLine(lines, "ORDER ");
        using JsonDocument received = JsonDocument.Parse(orderLine["ORDER ".Length..]);
        Assert.Equal("order-1", received.RootElement.GetProperty("orderId").GetString());
        Assert.Equal("2.0.0", received.RootElement.GetProperty("version").GetString());
        State state = await Within(stateIn.Task);
        Assert.Equal("order-1", state.OrderId);
        Assert.Equal("AGV-9", state.SerialNumber);
        Assert.Equal(0, master.RejectedCount);
        Assert.True(node.WaitForExit(60_000), "vda-5050-lib AGV did not finish");
        await master.DisconnectAsync(ct);
    }
}
