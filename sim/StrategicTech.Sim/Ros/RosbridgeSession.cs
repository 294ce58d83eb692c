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

    public long BadFrames { get; set; }

    public void Send(byte[] frame, bool binary = false) => _out.Writer.TryWrite(new OutFrame(frame, binary));

    public async Task SendLoopAsync(CancellationToken stop)
    {
        try
        {
            await foreach (OutFrame frame in _out.Reader.ReadAllAsync(stop).ConfigureAwait(false))
            {
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

    private readonly record struct OutFrame(byte[] Bytes, bool Binary);
}

/// <summary>One subscribe op's options as the server applies them.</summary>
internal sealed class SessionSubscription(string? id, string compression, long throttleUs, int fragmentSize)
{
    public string? Id { get; } = id;

    public string Compression { get; } = compression;

    public long ThrottleUs { get; } = throttleUs;

    public int FragmentSize { get; } = fragmentSize;

    public long LastSentUs { get; set; } = long.MinValue;
}
