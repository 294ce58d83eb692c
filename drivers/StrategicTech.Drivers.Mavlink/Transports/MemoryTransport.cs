namespace StrategicTech.Drivers.Mavlink.Transports;

/// <summary>An in-process transport pair: what one end sends, the other receives (synchronously, on the sender's thread). For tests and in-process SITL.</summary>
public sealed class MemoryTransport : IMavlinkTransport
{
    private MemoryTransport? _peer;
    private MavlinkBytesHandler? _received;

    private MemoryTransport(string name)
    {
        Name = name;
    }

    public string Name { get; }

    public bool PreservesFrameBoundaries => true;

    public static (MemoryTransport A, MemoryTransport B) CreatePair(string name = "memory")
    {
        var a = new MemoryTransport(name + ":a");
        var b = new MemoryTransport(name + ":b");
        a._peer = b;
        b._peer = a;
        return (a, b);
    }

    public void Start(MavlinkBytesHandler received) => _received = received;

    public bool Send(ReadOnlySpan<byte> frames)
    {
        MavlinkBytesHandler? handler = _peer?._received;
        handler?.Invoke(_peer!, 0, frames);
        return handler is not null;
    }

    public void Dispose()
    {
        _received = null;
    }
}
