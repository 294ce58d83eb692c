using System.Net.WebSockets;
using System.Text;
using StrategicTech.Sim.Ros;

namespace StrategicTech.Sim.Tests.Ros;

/// <summary>
/// The server's per-subscriber queue_length (rosbridge: at most queue_length messages pending per subscriber, the
/// oldest dropped): a session whose socket is stalled mid-send, fed messages, then released.
/// </summary>
public sealed class RosbridgeQueueLengthTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private static byte[] Frame(string text) => Encoding.ASCII.GetBytes(text);

    /// <summary>Runs a session on a socket that blocks its first send until released; returns the frames sent, in order.</summary>
    private static async Task<List<string>> SendWhileStalledAsync(Action<RosbridgeSession> first, Action<RosbridgeSession> whileStalled)
    {
        var socket = new StalledWebSocket();
        var session = new RosbridgeSession(socket, 1);
        using var stop = new CancellationTokenSource();
        Task loop = session.SendLoopAsync(stop.Token);
        first(session);
        await socket.FirstSendEntered.Task.WaitAsync(Wait);
        whileStalled(session);
        socket.Release.SetResult();
        session.Complete();
        await loop.WaitAsync(Wait);
        return socket.Sent;
    }

    [Fact]
    public async Task Beyond_queue_length_pending_messages_the_oldest_are_dropped_and_the_newest_kept()
    {
        var subscription = new SessionSubscription("s1", "none", 0, 0, queueLength: 3);

        List<string> sent = await SendWhileStalledAsync(
            s => s.SendFor(subscription, Frame("m0")),
            s =>
            {
                for (int i = 1; i <= 9; i++)
                {
                    s.SendFor(subscription, Frame("m" + i));
                }
            });

        Assert.Equal(["m0", "m7", "m8", "m9"], sent); // m0 was on the socket; of m1..m9 the last 3 are kept
        Assert.Equal(6, subscription.Dropped);
    }

    [Fact]
    public async Task A_message_whose_first_fragment_went_out_is_finished_and_later_ones_obey_queue_length()
    {
        var subscription = new SessionSubscription("s1", "none", 0, 10, queueLength: 1);

        List<string> sent = await SendWhileStalledAsync(
            s => s.SendFor(subscription, [Frame("m0a"), Frame("m0b"), Frame("m0c")]),
            s =>
            {
                s.SendFor(subscription, [Frame("m1a"), Frame("m1b")]);
                s.SendFor(subscription, Frame("m2"));
            });

        Assert.Equal(["m0a", "m0b", "m0c", "m2"], sent);
        Assert.Equal(1, subscription.Dropped);
    }

    [Fact]
    public async Task Queue_length_0_keeps_every_message_and_subscriptions_are_bounded_independently()
    {
        var unbounded = new SessionSubscription("all", "none", 0, 0, queueLength: 0);
        var latest = new SessionSubscription("one", "none", 0, 0, queueLength: 1);

        List<string> sent = await SendWhileStalledAsync(
            s => s.SendFor(unbounded, Frame("a0")),
            s =>
            {
                for (int i = 1; i <= 4; i++)
                {
                    s.SendFor(unbounded, Frame("a" + i));
                    s.SendFor(latest, Frame("b" + i));
                }
            });

        Assert.Equal(["a0", "a1", "a2", "a3", "a4", "b4"], sent);
        Assert.Equal((0L, 3L), (unbounded.Dropped, latest.Dropped));
    }

    /// <summary>A WebSocket whose first SendAsync waits for <see cref="Release"/>; records what is sent.</summary>
    private sealed class StalledWebSocket : WebSocket
    {
        public TaskCompletionSource FirstSendEntered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<string> Sent { get; } = [];

        public override WebSocketCloseStatus? CloseStatus => null;

        public override string? CloseStatusDescription => null;

        public override WebSocketState State => WebSocketState.Open;

        public override string? SubProtocol => null;

        public override async Task SendAsync(ArraySegment<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken)
        {
            FirstSendEntered.TrySetResult();
            await Release.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            lock (Sent)
            {
                Sent.Add(Encoding.ASCII.GetString(buffer));
            }
        }

        public override Task<WebSocketReceiveResult> ReceiveAsync(ArraySegment<byte> buffer, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public override void Abort()
        {
        }

        public override Task CloseAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) => Task.CompletedTask;

        public override Task CloseOutputAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) => Task.CompletedTask;

        public override void Dispose()
        {
        }
    }
}
