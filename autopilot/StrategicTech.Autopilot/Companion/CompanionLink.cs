using StrategicTech.Autopilot.Comms;
using StrategicTech.Autopilot.Vehicles;
using StrategicTech.Drivers.Mavlink.Microservices;
using StrategicTech.Drivers.Mavlink.Transports;
using StrategicTech.Navigation.Time;

namespace StrategicTech.Autopilot.Companion;

/// <summary>
/// The companion on a real link (udpin/udpout/tcp/serial URL): bytes received on the transport's thread go into a
/// preallocated queue that <see cref="Tick"/> drains into the controller; frames sent go into a queue that a
/// background thread hands to the transport. So the tick neither waits on I/O nor allocates.
/// </summary>
public sealed class CompanionLink : IDisposable
{
    private readonly IMavlinkTransport _transport;
    private readonly QueuedFrameSink _sender;
    private readonly ByteChunkQueue _inbound = new();
    private DrainInto _drain;

    /// <summary>Opens <paramref name="url"/> (throws <see cref="FormatException"/> for a malformed one, socket/IO errors as they come).</summary>
    public CompanionLink(string url, IClock clock, CompanionOptions options, Func<HomeReference, CompanionRoute>? planRoute)
    {
        _transport = MavlinkTransports.Open(url);
        _sender = new QueuedFrameSink(new TransportFrameSink(_transport), "companion-send");
        Controller = new CompanionController(_sender, clock, options, planRoute);
        _drain = new DrainInto(Controller);
        _transport.Start((_, _, bytes) => _inbound.Enqueue(bytes));
    }

    public CompanionController Controller { get; }

    public string TransportName => _transport.Name;

    /// <summary>Received bytes dropped because the loop fell behind.</summary>
    public long DroppedBytes => _inbound.DroppedBytes;

    /// <summary>One period: received frames in, then the controller's tick.</summary>
    public void Tick()
    {
        _inbound.Drain(ref _drain);
        Controller.Tick();
    }

    public void Dispose()
    {
        _sender.Dispose();
        _transport.Dispose();
    }

    private struct DrainInto(CompanionController controller) : IByteChunkConsumer
    {
        public readonly void Consume(ReadOnlySpan<byte> chunk) => controller.Receive(chunk);
    }
}
