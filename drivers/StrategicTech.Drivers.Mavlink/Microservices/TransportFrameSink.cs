using StrategicTech.Drivers.Mavlink.Transports;

namespace StrategicTech.Drivers.Mavlink.Microservices;

/// <summary>Sends a node's frames through a transport (UDP, TCP, serial). Wire the receive side with
/// <c>link.Start((_, frame) =&gt; node.Receive(frame))</c> and call <see cref="MavlinkNode.Tick"/> from a timer.</summary>
public sealed class TransportFrameSink(IMavlinkTransport transport) : IMavlinkFrameSink
{
    private readonly IMavlinkTransport _transport = transport ?? throw new ArgumentNullException(nameof(transport));

    public bool Send(ReadOnlySpan<byte> frame) => _transport.Send(frame);
}
