using System.Net;
using System.Net.Sockets;

namespace StrategicTech.Sim.Tests.Companion;

/// <summary>
/// A UDP relay between a vehicle's offboard-API link and a companion on loopback, with a switch that cuts it (both
/// directions, silently, like a radio going out of range). The vehicle streams to <see cref="Port"/>; what it sends
/// goes on to the companion's port, and what the companion answers (to the relay, the source it heard from) goes back
/// to the vehicle's port learnt from its first datagram.
/// </summary>
internal sealed class UdpCutRelay : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly IPEndPoint _companion;
    private readonly Thread _thread;
    private IPEndPoint? _vehicle;
    private volatile bool _cut;
    private volatile bool _stopping;
    private long _forwarded;
    private long _dropped;

    public UdpCutRelay(int companionPort)
    {
        _companion = new IPEndPoint(IPAddress.Loopback, companionPort);
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _socket.ReceiveTimeout = 200;
        Port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
        _thread = new Thread(Run) { IsBackground = true, Name = "udp-cut-relay" };
        _thread.Start();
    }

    public int Port { get; }

    /// <summary>While true every datagram is dropped, both ways.</summary>
    public bool Cut
    {
        get => _cut;
        set => _cut = value;
    }

    public long Forwarded => Interlocked.Read(ref _forwarded);

    public long Dropped => Interlocked.Read(ref _dropped);

    public void Dispose()
    {
        _stopping = true;
        _thread.Join();
        _socket.Dispose();
    }

    private void Run()
    {
        var buffer = new byte[2048];
        EndPoint from = new IPEndPoint(IPAddress.Any, 0);
        while (!_stopping)
        {
            int n;
            try
            {
                n = _socket.ReceiveFrom(buffer, ref from);
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.TimedOut or SocketError.ConnectionReset)
            {
                continue; // timeout: look at _stopping; reset: an ICMP port-unreachable from a peer not yet listening
            }

            var source = (IPEndPoint)from;
            IPEndPoint? target;
            if (source.Port == _companion.Port)
            {
                target = _vehicle;
            }
            else
            {
                _vehicle = new IPEndPoint(source.Address, source.Port);
                target = _companion;
            }

            if (_cut || target is null)
            {
                Interlocked.Increment(ref _dropped);
                continue;
            }

            try
            {
                _socket.SendTo(buffer.AsSpan(0, n), SocketFlags.None, target);
                Interlocked.Increment(ref _forwarded);
            }
            catch (SocketException)
            {
                Interlocked.Increment(ref _dropped); // the peer's port is not open yet
            }
        }
    }
}
