using System.Net;
using System.Net.Sockets;

namespace StrategicTech.Drivers.Mavlink.Transports;

/// <summary>
/// TCP. <c>tcpin</c> listens and serves up to <see cref="MaxClients"/> clients (sends go to all of them; a client
/// over the cap is closed at once and counted); <c>tcpout</c> connects to a server and reconnects once a second
/// while it is unreachable. <see cref="Send"/> never blocks on the network: each connection has its own preallocated
/// outbound queue of <see cref="QueueBytes"/> drained by its own writer thread, and a send that does not fit a
/// client's queue is dropped for that client and counted (<see cref="DroppedSends"/>), so a client that stops
/// reading cannot stall the others. A connection that ends frees its slot and its threads.
/// </summary>
public sealed class TcpTransport : IMavlinkTransport
{
    private readonly MavlinkEndpoint _endpoint;
    private readonly TcpListener? _listener;
    private readonly List<TcpClientConnection> _clients = [];
    private readonly Lock _clientsLock = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Thread> _threads = [];
    private int _nextChannel;
    private long _droppedSends;
    private long _refusedClients;

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

    /// <summary>Most clients a tcpin transport serves at once (a ground station, a companion, a log tap or two).</summary>
    public int MaxClients { get; init; } = 8;

    /// <summary>Outbound queue per connection, allocated when the client connects (64 KiB: about a second of full telemetry).</summary>
    public int QueueBytes { get; init; } = 64 * 1024;

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

    /// <summary>Sends dropped for a client whose queue was full (one per client per <see cref="Send"/>), over all connections so far.</summary>
    public long DroppedSends
    {
        get
        {
            lock (_clientsLock)
            {
                return _droppedSends + _clients.Sum(c => c.DroppedSends);
            }
        }
    }

    /// <summary>Clients closed on arrival because <see cref="MaxClients"/> were connected.</summary>
    public long RefusedClients => Interlocked.Read(ref _refusedClients);

    public void Start(MavlinkBytesHandler received)
    {
        ArgumentNullException.ThrowIfNull(received);
        var thread = _listener is not null
            ? new Thread(() => AcceptLoop(received))
            : new Thread(() => ConnectLoop(received));
        thread.IsBackground = true;
        thread.Name = "mavlink " + Name;
        lock (_clientsLock)
        {
            _threads.Add(thread);
        }

        thread.Start();
    }

    /// <summary>Queues <paramref name="frames"/> for every connected client; true when at least one queue took them. Never blocks on the network.</summary>
    public bool Send(ReadOnlySpan<byte> frames)
    {
        bool queued = false;
        lock (_clientsLock)
        {
            foreach (TcpClientConnection client in _clients)
            {
                queued |= client.Enqueue(frames);
            }
        }

        return queued;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener?.Stop();
        TcpClientConnection[] clients;
        Thread[] threads;
        lock (_clientsLock)
        {
            clients = [.. _clients];
            threads = [.. _threads];
        }

        foreach (TcpClientConnection client in clients)
        {
            client.Close();
        }

        foreach (Thread thread in threads)
        {
            thread.Join(TimeSpan.FromSeconds(2));
        }

        _stop.Dispose();
    }

    private void AcceptLoop(MavlinkBytesHandler received)
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = _listener!.AcceptSocket();
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            if (ConnectedClients >= MaxClients)
            {
                Interlocked.Increment(ref _refusedClients);
                socket.Dispose();
                continue;
            }

            socket.NoDelay = true;
            Serve(socket, received, readOnThisThread: false);
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

            Serve(socket, received, readOnThisThread: true);
        }
    }

    /// <summary>Registers a connection and starts its writer (and its reader, unless this thread reads).</summary>
    private void Serve(Socket socket, MavlinkBytesHandler received, bool readOnThisThread)
    {
        var client = new TcpClientConnection(socket, QueueBytes);
        int channel = Interlocked.Increment(ref _nextChannel);
        var writer = new Thread(client.WriteLoop) { IsBackground = true, Name = "mavlink " + Name + " send" };
        Thread? reader = readOnThisThread
            ? null
            : new Thread(() => ReadLoop(client, channel, received)) { IsBackground = true, Name = "mavlink " + Name + " client" };
        lock (_clientsLock)
        {
            _clients.Add(client);
            _threads.Add(writer);
            if (reader is not null)
            {
                _threads.Add(reader);
            }
        }

        writer.Start();
        if (reader is null)
        {
            ReadLoop(client, channel, received);
        }
        else
        {
            reader.Start();
        }
    }

    private void ReadLoop(TcpClientConnection client, int channel, MavlinkBytesHandler received)
    {
        var buffer = new byte[8192];
        while (!_stop.IsCancellationRequested)
        {
            int count;
            try
            {
                count = client.Socket.Receive(buffer);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                count = 0;
            }

            if (count == 0)
            {
                break;
            }

            received(this, channel, buffer.AsSpan(0, count));
        }

        // Free the slot and the threads: the writer wakes on Close and exits; both forget this connection.
        client.Close();
        lock (_clientsLock)
        {
            _clients.Remove(client);
            _droppedSends += client.DroppedSends;
            _threads.RemoveAll(t => !t.IsAlive && t != Thread.CurrentThread);
        }
    }
}
