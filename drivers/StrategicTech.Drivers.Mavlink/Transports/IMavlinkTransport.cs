namespace StrategicTech.Drivers.Mavlink.Transports;

/// <summary>
/// A byte link (UDP, TCP, serial, in-memory). Received bytes go to the handler given to <see cref="Start"/> on the
/// transport's own I/O thread, in order; sends are thread-safe. Not for the real-time loop: it meets the loop
/// through queues.
/// </summary>
public interface IMavlinkTransport : IDisposable
{
    string Name { get; }

    /// <summary>True when each received chunk ends on a frame boundary (UDP datagrams), so a parser may flush after it.</summary>
    bool PreservesFrameBoundaries { get; }

    /// <summary>Starts receiving; <paramref name="received"/> is called with each chunk of bytes as it arrives.</summary>
    void Start(MavlinkBytesHandler received);

    /// <summary>Sends bytes (one or more whole frames) to the peer(s). Returns false when there is nobody to send to yet.</summary>
    bool Send(ReadOnlySpan<byte> frames);
}

/// <summary>Receives a chunk of bytes from a transport; <paramref name="channel"/> tells apart byte streams that must be parsed separately (one per TCP client; 0 otherwise).</summary>
public delegate void MavlinkBytesHandler(IMavlinkTransport source, int channel, ReadOnlySpan<byte> bytes);
