using System.Net;
using System.Net.Sockets;
using StrategicTech.Drivers.Mavlink.Transports;

namespace StrategicTech.Sim.Mavlink;

/// <summary>
/// UDP as PX4 SITL does it: one socket bound to a local port (commands come in there), sending to a fixed ground
/// station address (127.0.0.1:14550 by default, so QGroundControl sees the vehicle without configuration) and to
/// every peer heard from (so any script that talks to the bound port gets answers).
/// </summary>
public sealed class SitlUdpTransport : IMavlinkTransport
{
    private const int MaxPeers = 16;
    private readonly Socket _socket;
    private readonly IPEndPoint? _remote;
    private readonly List<EndPoint> _peers = [];
    private readonly Lock _peersLock = new();
    private readonly CancellationTokenSource _stop = new();
    private Thread? _thread;

    public SitlUdpTransport(IPEndPoint bind, IPEndPoint? remote)
    {
        ArgumentNullException.ThrowIfNull(bind);
        _remote = remote;
        _socket = new Socket(bind.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            _socket.Bind(bind);
        }
        catch (SocketException ex)
        {
            _socket.Dispose();
            throw new InvalidOperationException($"cannot bind MAVLink UDP port {bind}: {ex.Message} (another vehicle or program uses it?)", ex);
        }

        Name = "sitl udp " + LocalEndPoint + (remote is null ? string.Empty : " -> " + remote);
    }

    public string Name { get; }

    public bool PreservesFrameBoundaries => true;

    public IPEndPoint LocalEndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    /// <summary>Datagrams that could not be sent (nobody listening, network error).</summary>
    public long SendErrors { get; private set; }

    public void Start(MavlinkBytesHandler received)
    {
        ArgumentNullException.ThrowIfNull(received);
        _thread = new Thread(() => ReceiveLoop(received)) { IsBackground = true, Name = Name };
        _thread.Start();
    }

    public bool Send(ReadOnlySpan<byte> frames)
    {
        bool sent = false;
        if (_remote is not null)
        {
            sent |= TrySend(frames, _remote);
        }

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

    private bool TrySend(ReadOnlySpan<byte> frames, EndPoint to)
    {
        try
        {
            _socket.SendTo(frames, SocketFlags.None, to);
            return true;
        }
        catch (SocketException)
        {
            SendErrors++;
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
                continue; // ICMP port unreachable from the ground-station port when nothing listens there
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                return;
            }

            lock (_peersLock)
            {
                if (!_peers.Contains(from))
                {
                    if (_peers.Count == MaxPeers)
                    {
                        _peers.RemoveAt(0);
                    }

                    _peers.Add(from);
                }
            }

            received(this, 0, buffer.AsSpan(0, count));
        }
    }
}
