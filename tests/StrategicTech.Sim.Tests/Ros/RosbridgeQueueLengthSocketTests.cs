using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using StrategicTech.Drivers.Rosbridge.Client;
using StrategicTech.Drivers.Rosbridge.Messages;
using StrategicTech.Drivers.Rosbridge.Protocol;
using StrategicTech.Navigation.Time;
using StrategicTech.Sim.Ros;
using StrategicTech.TestSupport;

namespace StrategicTech.Sim.Tests.Ros;

/// <summary>
/// queue_length end to end: our client subscribes over a real loopback socket to our server with queue_length N and
/// stops reading (its handler blocks the socket thread on the first message) while the server publishes 1 MiB
/// messages; once the socket's buffers are full, the server keeps at most N pending for it, dropping and counting
/// the older ones. After the reader resumes it receives, in order, what was already on the wire and then the newest N,
/// and every message it did not receive was counted as dropped.
/// The same with roslib 2.1.0 in node as the stalled subscriber (tests/peers/rosbridge-roslib-queue-peer.mjs).
/// </summary>
public sealed class RosbridgeQueueLengthSocketTests
{
    private const int Published = 48;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private static StringMessage Big(int i) => new(i.ToString("D3", CultureInfo.InvariantCulture) + new string('x', 1 << 20));

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task A_stalled_subscriber_with_queue_length_N_gets_messages_in_order_ending_with_the_newest_N_and_the_server_counts_every_drop(int queueLength)
    {
        await using RosbridgeServer server = await RosbridgeServer.StartAsync(0, new ManualClock(1_000_000));
        server.AddTopic("/big", RosTypes.String);
        await using var client = new RosbridgeClient(server.Uri);
        TopicSubscription<StringMessage> big = client.Subscribe("/big", RosTypes.String, new SubscribeOptions { QueueLength = queueLength }, queueCapacity: Published);
        using var resume = new ManualResetEventSlim(false);
        var received = new ConcurrentQueue<int>();
        big.Received += m =>
        {
            received.Enqueue(int.Parse(m.Data.AsSpan(0, 3), CultureInfo.InvariantCulture));
            resume.Wait(Wait); // the slow reader: the socket thread stops receiving until released
        };
        client.Start();
        await client.WaitConnectedAsync(Wait);
        var clock = Stopwatch.StartNew();
        while (server.SubscriberCount("/big") == 0)
        {
            Assert.True(clock.Elapsed < Wait, "the subscription never reached the server");
            await Task.Delay(10);
        }

        for (int i = 0; i < Published; i++)
        {
            server.Publish("/big", RosTypes.String, Big(i));
        }

        // Everything not yet on the wire waits in the server's queue, trimmed to queue_length as it grows.
        while (received.IsEmpty)
        {
            Assert.True(clock.Elapsed < Wait, "the first message never arrived");
            await Task.Delay(10);
        }

        resume.Set();
        while (!received.Contains(Published - 1))
        {
            Assert.True(clock.Elapsed < Wait, $"the newest message never arrived; got {string.Join(",", received)}");
            await Task.Delay(10);
        }

        AssertOrderedNewestKeptDropsCounted([.. received], server.QueueDropped("/big"), queueLength);
        Assert.Equal(0, client.Counters.BadFrames);
        Assert.Equal(0, big.Dropped);
    }

    /// <summary>
    /// What queue_length guarantees end to end: messages arrive in order without duplicates, the newest N always
    /// arrive (they were the N kept pending), and every message not received was dropped and counted by the server.
    /// Which older ones got onto the wire first depends on how fast the server's send loop ran, so it is not asserted.
    /// </summary>
    private static void AssertOrderedNewestKeptDropsCounted(int[] got, long dropped, int queueLength)
    {
        Assert.True(dropped > 0, $"nothing dropped: the socket buffers held all {Published} MiB; got {string.Join(",", got)}");
        Assert.Equal(Published, got.Length + dropped);
        Assert.True(got.Zip(got.Skip(1)).All(p => p.First < p.Second), $"out of order or repeated: {string.Join(",", got)}");
        Assert.Equal(Enumerable.Range(Published - queueLength, queueLength), got[^queueLength..]);
    }

    [Fact]
    public async Task Roslib_as_a_stalled_subscriber_with_queue_length_2_gets_messages_in_order_ending_with_the_newest_2_and_the_server_counts_every_drop()
    {
        const int queueLength = 2;
        string peers = Path.Combine(SharedData.RepositoryRoot, "tests", "peers");
        Assert.True(Directory.Exists(Path.Combine(peers, "node_modules", "roslib")), $"roslib is not installed: run 'npm ci' in {peers} (test.sh does)");
        await using RosbridgeServer server = await RosbridgeServer.StartAsync(0, new ManualClock(1_000_000));
        server.AddTopic("/big", RosTypes.String);
        var start = new ProcessStartInfo("node", ["rosbridge-roslib-queue-peer.mjs", server.Port.ToString(CultureInfo.InvariantCulture), "2", (Published - 1).ToString(CultureInfo.InvariantCulture)])
        {
            WorkingDirectory = peers,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process node = Process.Start(start)!;
        Task<string> stderr = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Wait);
        async Task ExpectLineAsync(string expected)
        {
            string? line = await node.StandardOutput.ReadLineAsync(timeout.Token);
            Assert.True(line == expected, $"node said '{line}' instead of '{expected}': {(node.HasExited ? await stderr : "")}");
        }

        await ExpectLineAsync("subscribed");
        var clock = Stopwatch.StartNew();
        while (server.SubscriberCount("/big") == 0)
        {
            Assert.True(clock.Elapsed < Wait, "roslib's subscription never reached the server");
            await Task.Delay(10);
        }

        server.Publish("/big", RosTypes.String, Big(0));
        await ExpectLineAsync("first"); // node now reads nothing from its socket
        for (int i = 1; i < Published; i++)
        {
            server.Publish("/big", RosTypes.String, Big(i));
        }

        long dropped = server.QueueDropped("/big"); // final once the last publish was admitted; read before node leaves
        await node.StandardInput.WriteLineAsync();
        await node.StandardInput.FlushAsync();
        string? result = await node.StandardOutput.ReadLineAsync(timeout.Token);
        await node.WaitForExitAsync(timeout.Token);

        Assert.True(node.ExitCode == 0, $"node exited {node.ExitCode}: {await stderr}");
        using var json = System.Text.Json.JsonDocument.Parse(result!);
        int[] got = [.. json.RootElement.GetProperty("received").EnumerateArray().Select(e => e.GetInt32())];
        AssertOrderedNewestKeptDropsCounted(got, dropped, queueLength);
        Assert.Equal(0, server.BadFrames);
    }
}
