using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;

namespace StrategicTech.Sim.Tests.Ros;

/// <summary>
/// A bare WebSocket server on 127.0.0.1 that sends prebuilt frames on request and reads (and ignores) what the client
/// sends, so a receive path can be measured without a server serializing messages in the same process.
/// </summary>
internal sealed class WebSocketFrameFeeder : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly TaskCompletionSource<WebSocket> _accepted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private TcpClient? _tcp;
    private Task? _drain;
    private long _framesReceived;

    private WebSocketFrameFeeder()
    {
    }

    public Uri Uri => new($"ws://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    public static WebSocketFrameFeeder Start()
    {
        var feeder = new WebSocketFrameFeeder();
        feeder._listener.Start();
        _ = feeder.AcceptAsync();
        return feeder;
    }

    /// <summary>Whole messages the client has sent (read and otherwise ignored).</summary>
    public long FramesReceived => Interlocked.Read(ref _framesReceived);

    public Task<WebSocket> ConnectedAsync(TimeSpan timeout) => _accepted.Task.WaitAsync(timeout);

    /// <summary>Sends <paramref name="frame"/> <paramref name="count"/> times.</summary>
    public async Task SendAsync(byte[] frame, bool binary, int count)
    {
        WebSocket socket = await _accepted.Task.ConfigureAwait(false);
        var type = binary ? WebSocketMessageType.Binary : WebSocketMessageType.Text;
        for (int i = 0; i < count; i++)
        {
            await socket.SendAsync(frame.AsMemory(), type, endOfMessage: true, _stop.Token).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_accepted.Task.IsCompletedSuccessfully)
        {
            _accepted.Task.Result.Abort();
        }

        _tcp?.Dispose();
        _listener.Stop();
        if (_drain is not null)
        {
            await _drain.ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            _tcp = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
            NetworkStream stream = _tcp.GetStream();
            string request = await ReadRequestAsync(stream).ConfigureAwait(false);
            string key = request.Split("\r\n").First(l => l.StartsWith("Sec-WebSocket-Key:", StringComparison.OrdinalIgnoreCase))[18..].Trim();
            // RFC 6455 section 4.2.2: accept = base64(SHA-1(key + the protocol GUID)).
            string accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
            byte[] response = Encoding.ASCII.GetBytes(
                $"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n");
            await stream.WriteAsync(response, _stop.Token).ConfigureAwait(false);
            WebSocket socket = WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = Timeout.InfiniteTimeSpan });
            _drain = DrainAsync(socket);
            _accepted.TrySetResult(socket);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
        {
            _accepted.TrySetException(e);
        }
    }

    private static async Task<string> ReadRequestAsync(NetworkStream stream)
    {
        var request = new StringBuilder();
        byte[] one = new byte[1];
        while (!request.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one).ConfigureAwait(false) == 0)
            {
                throw new IOException("client closed during the handshake");
            }

            request.Append((char)one[0]);
        }

        return request.ToString();
    }

    private async Task DrainAsync(WebSocket socket)
    {
        byte[] buffer = new byte[64 * 1024];
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                ValueWebSocketReceiveResult result = await socket.ReceiveAsync(buffer.AsMemory(), _stop.Token).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                if (result.EndOfMessage)
                {
                    Interlocked.Increment(ref _framesReceived);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException or ObjectDisposedException)
        {
        }
    }
}
