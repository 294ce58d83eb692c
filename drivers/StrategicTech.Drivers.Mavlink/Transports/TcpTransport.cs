using System.Net;
using System.Net.Sockets;

namespace StrategicTech.Drivers.Mavlink.Transports;

/// <summary>
/// TCP. <c>tcpin</c> listens and serves every client that connects (sends go to all of them); <c>tcpout</c>
/// connects to a server and reconnects once a second while it is unreachable.
/// </summary>
public sealed class TcpTransport : IMavlinkTransport
{
    private readonly MavlinkEndpoint _endpoint;
    private readonly TcpListener? _listener;
    private readonly List<Socket> _clients = [];
    private readonly Lock _clientsLock = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Thread> _threads = [];
    private int _nextChannel;

    public TcpTransport(MavlinkEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (endpoint.Kind is not (MavlinkEndpointKind.TcpIn or MavlinkEndpointKind.TcpOut))
        {
            throw new ArgumentException($"{endpoint} is not a TCP endpoint", nameof(endpoint));
        }

        _endpoint = endpoint;
        Name = endpoint.ToString();
        if (endpoint.Kind == MavlinkEndpointKind.TcpIn)
        {
            _listener = new TcpListener(IPAddress.Parse(endpoint.Host), endpoint.Port);
            _listener.Start();
        }
    }

    public string Name { get; }

    public bool PreservesFrameBoundaries => false;

    /// <summary>The listening address of a tcpin transport (useful when the port was 0).</summary>
    public IPEndPoint? LocalEndPoint => (IPEndPoint?)_listener?.LocalEndpoint;

    public int ConnectedClients
    {
        get
        {
            lock (_clientsLock)
            {
                return _clients.Count;
            }
        }
    }

    public void Start(MavlinkBytesHandler received)
    {
        ArgumentNullException.ThrowIfNull(received);
        var thread = _listener is not null
            ? new Thread(() => AcceptLoop(received))
            : new Thread(() => ConnectLoop(received));
        thread.IsBackground = true;
        thread.Name = "mavlink " + Name;
        _threads.Add(thread);
        thread.Start();
    }

    public bool Send(ReadOnlySpan<byte> frames)
    {
        lock (_clientsLock)
        {
            for (int i = _clients.Count - 1; i >= 0; i--)
            {
                try
                {
                    _clients[i].Send(frames);
                }
                catch (SocketException)
                {
                    _clients[i].Dispose();
                    _clients.RemoveAt(i);
                }
            }

            return _clients.Count > 0;
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener?.Stop();
        lock (_clientsLock)
        {
            foreach (Socket client in _clients)
            {
                client.Dispose();
            }

            _clients.Clear();
        }

        foreach (Thread thread in _threads.ToArray())
        {
            thread.Join(TimeSpan.FromSeconds(2));
        }

        _stop.Dispose();
    }

    private void AcceptLoop(MavlinkBytesHandler received)
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = _listener!.AcceptSocket();
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            client.NoDelay = true;
            lock (_clientsLock)
            {
                _clients.Add(client);
            }

            int channel = Interlocked.Increment(ref _nextChannel);
            var reader = new Thread(() => ReadLoop(client, channel, received)) { IsBackground = true, Name = "mavlink " + Name + " client" };
            lock (_clientsLock)
            {
                _threads.Add(reader);
            }

            reader.Start();
        }
    }

    private void ConnectLoop(MavlinkBytesHandler received)
    {
        while (!_stop.IsCancellationRequested)
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Connect(_endpoint.Host, _endpoint.Port);
            }
            catch (SocketException)
            {
                socket.Dispose();
                _stop.Token.WaitHandle.WaitOne(TimeSpan.FromSeconds(1));
                continue;
            }

            lock (_clientsLock)
            {
                _clients.Add(socket);
            }

            ReadLoop(socket, Interlocked.Increment(ref _nextChannel), received);
        }
    }

    private void ReadLoop(Socket socket, int channel, MavlinkBytesHandler received)
    {
        var buffer = new byte[8192];
        while (!_stop.IsCancellationRequested)
        {
            int count;
            try
            {
                count = socket.Receive(buffer);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                count = 0;
            }

            if (count == 0)
            {
                lock (_clientsLock)
                {
                    _clients.Remove(socket);
                }

                socket.Dispose();
                return;
            }

            received(this, channel, buffer.AsSpan(0, count));
        }
    }
}
