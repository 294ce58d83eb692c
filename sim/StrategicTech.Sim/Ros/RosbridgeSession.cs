using System.Buffers;
using System.Net.WebSockets;
using System.Threading.Channels;

namespace StrategicTech.Sim.Ros;

/// <summary>
/// One connected rosbridge client on the server: its subscriptions and a bounded outgoing queue drained by its own
/// send task, so a slow client drops its oldest frames instead of stalling the simulation.
/// </summary>
internal sealed class RosbridgeSession
{
    private readonly WebSocket _socket;
    private readonly Channel<OutFrame> _out = Channel.CreateBounded<OutFrame>(new BoundedChannelOptions(512)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.DropOldest,
    });

    public RosbridgeSession(WebSocket socket, int number)
    {
        _socket = socket;
        Number = number;
    }

    public int Number { get; }

    /// <summary>Subscriptions by topic (several ids may subscribe one topic).</summary>
    public Dictionary<string, List<SessionSubscription>> Subscriptions { get; } = new(StringComparer.Ordinal);

    /// <summary>Topics this client has advertised (and not unadvertised); guarded by the server's lock.</summary>
    public HashSet<string> Advertised { get; } = new(StringComparer.Ordinal);

    public long BadFrames { get; set; }

    public void Send(byte[] frame, bool binary = false) => _out.Writer.TryWrite(new OutFrame(frame, binary, null, 0));

    /// <summary>
    /// Queues one published message (one frame, or all fragments of it) of <paramref name="subscription"/>; beyond its
    /// queue_length pending messages the oldest not yet started is dropped, as rosbridge does per subscriber.
    /// </summary>
    public void SendFor(SessionSubscription subscription, byte[] frame, bool binary = false)
    {
        long sequence = subscription.Admit();
        _out.Writer.TryWrite(new OutFrame(frame, binary, subscription, sequence));
    }

    /// <inheritdoc cref="SendFor(SessionSubscription, byte[], bool)"/>
    public void SendFor(SessionSubscription subscription, IEnumerable<byte[]> fragments)
    {
        long sequence = subscription.Admit();
        foreach (byte[] fragment in fragments)
        {
            _out.Writer.TryWrite(new OutFrame(fragment, false, subscription, sequence));
        }
    }

    public async Task SendLoopAsync(CancellationToken stop)
    {
        try
        {
            await foreach (OutFrame frame in _out.Reader.ReadAllAsync(stop).ConfigureAwait(false))
            {
                if (frame.Owner is { } owner && !owner.StartSending(frame.Sequence))
                {
                    continue; // dropped by queue_length while it waited
                }

                await _socket.SendAsync(frame.Bytes, frame.Binary ? WebSocketMessageType.Binary : WebSocketMessageType.Text, true, stop).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
        }
    }

    public void Complete() => _out.Writer.TryComplete();

    /// <summary>Receives whole messages (bounded) and hands each to <paramref name="handle"/>.</summary>
    public async Task ReceiveLoopAsync(Action<RosbridgeSession, ReadOnlyMemory<byte>, bool> handle, CancellationToken stop)
    {
        byte[] chunk = ArrayPool<byte>.Shared.Rent(64 * 1024);
        var message = new ArrayBufferWriter<byte>(64 * 1024);
        const int maxFrameBytes = 16 << 20;
        try
        {
            while (!stop.IsCancellationRequested && _socket.State == WebSocketState.Open)
            {
                message.ResetWrittenCount();
                WebSocketReceiveResult result;
                bool tooLarge = false;
                do
                {
                    result = await _socket.ReceiveAsync(chunk, stop).ConfigureAwait(false);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        return;
                    }

                    tooLarge |= message.WrittenCount + result.Count > maxFrameBytes;
                    if (!tooLarge)
                    {
                        message.Write(chunk.AsSpan(0, result.Count));
                    }
                }
                while (!result.EndOfMessage);

                if (tooLarge)
                {
                    BadFrames++;
                    continue;
                }

                handle(this, message.WrittenMemory, result.MessageType == WebSocketMessageType.Binary);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    private readonly record struct OutFrame(byte[] Bytes, bool Binary, SessionSubscription? Owner, long Sequence);
}

/// <summary>
/// One subscribe op's options as the server applies them. queue_length (rosbridge's per-subscriber queue) bounds
/// the messages admitted but not yet handed to the socket: admitting one more drops the oldest of them (0 = no bound
/// of its own, only the session's). A message whose first frame went out is finished (all its fragments).
/// </summary>
internal sealed class SessionSubscription(string? id, string compression, long throttleUs, int fragmentSize, int queueLength = 0)
{
    private readonly Lock _gate = new();
    private long _next;
    private long _dropBelow;
    private long _sending = -1;
    private long _dropped;

    public string? Id { get; } = id;

    public string Compression { get; } = compression;

    public long ThrottleUs { get; } = throttleUs;

    public int FragmentSize { get; } = fragmentSize;

    public int QueueLength { get; } = Math.Max(0, queueLength);

    public long LastSentUs { get; set; } = long.MinValue;

    /// <summary>Messages dropped because queue_length were already pending.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Numbers a new message and drops the oldest pending ones beyond queue_length.</summary>
    public long Admit()
    {
        lock (_gate)
        {
            long sequence = _next++;
            if (QueueLength > 0)
            {
                long firstPending = Math.Max(_dropBelow, _sending + 1);
                long excess = _next - firstPending - QueueLength;
                if (excess > 0)
                {
                    _dropBelow = firstPending + excess;
                    Interlocked.Add(ref _dropped, excess);
                }
            }

            return sequence;
        }
    }

    /// <summary>True when the frame of message <paramref name="sequence"/> is to go out (not dropped while it waited).</summary>
    public bool StartSending(long sequence)
    {
        lock (_gate)
        {
            if (sequence == _sending)
            {
                return true; // the rest of a message already started
            }

            if (sequence < _dropBelow)
            {
                return false;
            }

            _sending = sequence;
            return true;
        }
    }
}
