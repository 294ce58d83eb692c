using System.Net;
using System.Net.Sockets;

namespace StrategicTech.Drivers.Mavlink.Transports;

/// <summary>
/// UDP. <c>udpin</c> binds and learns its peers from the datagrams it receives (sends go to every peer heard
/// from); <c>udpout</c> sends to one fixed address and receives replies on the same socket. A vehicle (as PX4 SITL
/// does) binds a port for commands and sends both to a fixed ground-station address and to every peer heard from:
/// the <see cref="UdpTransport(IPEndPoint, IPEndPoint?)"/> constructor. A source becomes a peer only when one of its
/// datagrams holds a frame that passes <see cref="PeerAdmission"/> (known id, good CRC, and a valid signature when
/// that parser has a verifier), so garbage from a spoofed address neither receives telemetry nor evicts a peer; at
/// <c>MaxPeers</c> the peer heard from least recently makes room.
/// </summary>
public sealed class UdpTransport : IMavlinkTransport
{
    private const int MaxPeers = 64;
    private readonly Socket _socket;
    private readonly IPEndPoint? _remote;
    private readonly bool _learnPeers;
    private readonly List<EndPoint> _peers = [];
    private readonly List<long> _peerHeard = [];
    private readonly Lock _peersLock = new();
    private long _datagrams;
    private long _refusedDatagrams;
    private readonly CancellationTokenSource _stop = new();
    private Thread? _thread;
    private long _sendErrors;

    public UdpTransport(MavlinkEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        Name = endpoint.ToString();
        var address = IPAddress.Parse(endpoint.Host == "localhost" ? "127.0.0.1" : endpoint.Host);
        _socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        if (endpoint.Kind == MavlinkEndpointKind.UdpIn)
        {
            _learnPeers = true;
            Bind(new IPEndPoint(address, endpoint.Port));
        }
        else if (endpoint.Kind == MavlinkEndpointKind.UdpOut)
        {
            _remote = new IPEndPoint(address, endpoint.Port);
            Bind(new IPEndPoint(address.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0));
        }
        else
        {
            _socket.Dispose();
            throw new ArgumentException($"{endpoint} is not a UDP endpoint", nameof(endpoint));
        }
    }

    /// <summary>Binds <paramref name="bind"/>; sends to <paramref name="remote"/> (when given) and to every peer heard from.</summary>
    public UdpTransport(IPEndPoint bind, IPEndPoint? remote)
    {
        ArgumentNullException.ThrowIfNull(bind);
        _remote = remote;
        _learnPeers = true;
        _socket = new Socket(bind.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        Bind(bind);
        Name = "udp " + LocalEndPoint + (remote is null ? string.Empty : " -> " + remote);
    }

    public string Name { get; }

    /// <summary>
    /// Judges datagrams from sources that are not peers yet (on the receive thread): the source is learned only when
    /// the datagram holds a frame of a known id with a good CRC that this parser delivers (give it a
    /// <see cref="MavlinkSignatureVerifier"/> of its own to require signatures). Default: every shipped dialect.
    /// </summary>
    public MavlinkParser PeerAdmission { get; init; } = new(MavlinkDialects.All) { UnknownMessages = UnknownMessageHandling.Skip };

    /// <summary>Datagrams from sources that are not peers and held no admissible frame (their source was not learned).</summary>
    public long RefusedDatagrams => Interlocked.Read(ref _refusedDatagrams);

    public bool PreservesFrameBoundaries => true;

    /// <summary>The bound local address (useful when the port was 0).</summary>
    public IPEndPoint LocalEndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    /// <summary>Peers learned from traffic (udpin) or the fixed remote (udpout).</summary>
    public IReadOnlyList<EndPoint> Peers
    {
        get
        {
            lock (_peersLock)
            {
                return _remote is null ? [.. _peers] : [_remote, .. _peers.Where(p => !p.Equals(_remote))];
            }
        }
    }

    public void Start(MavlinkBytesHandler received)
    {
        ArgumentNullException.ThrowIfNull(received);
        _thread = new Thread(() => ReceiveLoop(received)) { IsBackground = true, Name = "mavlink " + Name };
        _thread.Start();
    }

    /// <summary>Datagrams that could not be sent (nobody listening, network error).</summary>
    public long SendErrors => Interlocked.Read(ref _sendErrors);

    public bool Send(ReadOnlySpan<byte> frames)
    {
        bool sent = _remote is not null && TrySend(frames, _remote);
        lock (_peersLock)
        {
            foreach (EndPoint peer in _peers)
            {
                if (!peer.Equals(_remote))
                {
                    sent |= TrySend(frames, peer);
                }
            }
        }

        return sent;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _socket.Dispose();
        _thread?.Join(TimeSpan.FromSeconds(2));
        _stop.Dispose();
    }

    private void Bind(IPEndPoint local)
    {
        try
        {
            _socket.Bind(local);
        }
        catch (SocketException ex)
        {
            _socket.Dispose();
            throw new InvalidOperationException($"cannot bind UDP port {local}: {ex.Message} (another vehicle or program uses it?)", ex);
        }
    }

    private bool TrySend(ReadOnlySpan<byte> frames, EndPoint to)
    {
        try
        {
            _socket.SendTo(frames, SocketFlags.None, to);
            return true;
        }
        catch (SocketException)
        {
            Interlocked.Increment(ref _sendErrors);
            return false;
        }
    }

    private void ReceiveLoop(MavlinkBytesHandler received)
    {
        var buffer = new byte[65536];
        EndPoint any = new IPEndPoint(_socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            int count;
            EndPoint from = any;
            try
            {
                count = _socket.ReceiveFrom(buffer, ref from);
            }
            catch (SocketException) when (!_stop.IsCancellationRequested)
            {
                continue; // e.g. ICMP port unreachable from a peer that went away
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                return;
            }

            if (_learnPeers)
            {
                Admit(from, buffer.AsSpan(0, count));
            }

            received(this, 0, buffer.AsSpan(0, count));
        }
    }

    private void Admit(EndPoint from, ReadOnlySpan<byte> datagram)
    {
        long heard = ++_datagrams;
        lock (_peersLock)
        {
            int known = _peers.IndexOf(from);
            if (known >= 0)
            {
                _peerHeard[known] = heard;
                return;
            }
        }

        if (!HoldsAdmissibleFrame(datagram))
        {
            Interlocked.Increment(ref _refusedDatagrams);
            return;
        }

        lock (_peersLock)
        {
            if (_peers.Count == MaxPeers)
            {
                int oldest = 0;
                for (int i = 1; i < _peerHeard.Count; i++)
                {
                    oldest = _peerHeard[i] < _peerHeard[oldest] ? i : oldest;
                }

                _peers.RemoveAt(oldest);
                _peerHeard.RemoveAt(oldest);
            }

            _peers.Add(from);
            _peerHeard.Add(heard);
        }
    }

    private bool HoldsAdmissibleFrame(ReadOnlySpan<byte> datagram)
    {
        bool admissible = false;
        while (PeerAdmission.TryRead(ref datagram, out MavlinkFrame frame))
        {
            admissible |= frame.IsKnown;
        }

        // A datagram is a whole stream: flush so nothing of it is held over to the next sender's datagram.
        while (PeerAdmission.TryFlush(out MavlinkFrame frame))
        {
            admissible |= frame.IsKnown;
        }

        return admissible;
    }
}
