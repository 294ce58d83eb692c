using System.Net.Sockets;

namespace StrategicTech.Drivers.Mavlink.Transports;

/// <summary>
/// One TCP connection of a <see cref="TcpTransport"/>: a reader thread, and a writer thread draining a preallocated
/// byte ring. <see cref="Enqueue"/> never blocks: a send that does not fit is dropped whole (so the stream stays
/// frame-aligned) and counted, so a client that stops reading costs only its own frames.
/// </summary>
internal sealed class TcpClientConnection
{
    private readonly Socket _socket;
    private readonly byte[] _ring;
    private readonly object _gate = new(); // Monitor.Wait/Pulse need a monitor, not a System.Threading.Lock
    private int _head;
    private int _count;
    private bool _closed;

    public TcpClientConnection(Socket socket, int queueBytes)
    {
        _socket = socket;
        _ring = new byte[queueBytes];
    }

    public Socket Socket => _socket;

    /// <summary>Sends dropped because this client's queue was full.</summary>
    public long DroppedSends { get; private set; }

    /// <summary>Copies <paramref name="frames"/> into the queue; false (and counted) when it does not fit or the connection is closed.</summary>
    public bool Enqueue(ReadOnlySpan<byte> frames)
    {
        lock (_gate)
        {
            if (_closed)
            {
                return false;
            }

            if (_ring.Length - _count < frames.Length)
            {
                DroppedSends++;
                return false;
            }

            int tail = (_head + _count) % _ring.Length;
            int first = Math.Min(frames.Length, _ring.Length - tail);
            frames[..first].CopyTo(_ring.AsSpan(tail));
            frames[first..].CopyTo(_ring);
            _count += frames.Length;
            Monitor.Pulse(_gate);
            return true;
        }
    }

    /// <summary>Writer thread body: sends queued bytes until <see cref="Close"/> or a socket error.</summary>
    public void WriteLoop()
    {
        while (true)
        {
            int start, length;
            lock (_gate)
            {
                while (_count == 0 && !_closed)
                {
                    Monitor.Wait(_gate);
                }

                if (_closed)
                {
                    return;
                }

                start = _head;
                length = Math.Min(_count, _ring.Length - _head);
            }

            int sent;
            try
            {
                // The producer only writes outside [head, head + count), so this region is stable while sending.
                sent = _socket.Send(_ring, start, length, SocketFlags.None);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                Close();
                return;
            }

            lock (_gate)
            {
                _head = (_head + sent) % _ring.Length;
                _count -= sent;
            }
        }
    }

    /// <summary>Closes the socket (unblocking both threads) and stops the writer. Idempotent.</summary>
    public void Close()
    {
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
            Monitor.PulseAll(_gate);
        }

        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already reset by the peer: disposing is all that is left.
        }

        _socket.Dispose();
    }
}
