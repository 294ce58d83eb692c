using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Navigation.Time;

namespace StrategicTech.Drivers.Mavlink.Microservices;

/// <summary>
/// One MAVLink system/component speaking microservices over one link: parses received bytes, hands each frame to
/// every attached service, ticks them with the injected clock and encodes their sends into a preallocated buffer.
/// Receiving and ticking are serialised by one lock; sending by another, so clients may send from any thread.
/// Frames this node sent itself (same system and component id) are ignored, which makes broadcast links safe.
/// </summary>
public sealed class MavlinkNode
{
    // Largest v2 frame: 10 header + 255 payload + 2 CRC + 13 signature.
    private const int MaxFrameLength = 280;

    private readonly MavlinkParser _parser;
    private readonly MavlinkFrameWriter _writer;
    private readonly IMavlinkFrameSink _sink;
    private readonly List<IMavlinkService> _services = [];
    private readonly byte[] _sendBuffer = new byte[MaxFrameLength];
    private readonly Lock _sendLock = new();
    private readonly Lock _receiveLock = new();

    public MavlinkNode(byte systemId, byte componentId, IMavlinkFrameSink sink, IClock clock, MavlinkDialect? dialect = null, MavlinkSigner? signer = null)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(clock);
        _sink = sink;
        Clock = clock;
        _parser = new MavlinkParser(dialect ?? CommonDialect.Instance);
        _writer = new MavlinkFrameWriter(systemId, componentId, signer);
    }

    public byte SystemId => _writer.SystemId;

    public byte ComponentId => _writer.ComponentId;

    public IClock Clock { get; }

    /// <summary>Counters of this node's parser (bad CRC, drops…).</summary>
    public MavlinkParserStats Stats => _parser.Stats;

    /// <summary>
    /// Typed delivery of received messages: <c>node.Messages.Subscribe&lt;Attitude&gt;((in Attitude a, in MavlinkFrameHeader h) =&gt; …)</c>
    /// for the real-time loop (no allocation per message), <c>node.Messages.Observe&lt;Attitude&gt;()</c> for UIs.
    /// Handlers run on the receive thread, inside the node's receive lock, before the services see the frame.
    /// </summary>
    public MavlinkMessageDispatcher Messages { get; } = new();

    /// <summary>Frames the sink refused.</summary>
    public long SendFailures { get; private set; }

    /// <summary>The signer of this node's outgoing frames (null: it sends unsigned).</summary>
    public MavlinkSigner? Signer => _writer.Signer;

    /// <summary>
    /// Admission of received frames (e.g. a vehicle's signing policy); null admits every checked frame. Set at
    /// start-up, before traffic flows.
    /// </summary>
    public IMavlinkReceiveFilter? ReceiveFilter { get; set; }

    /// <summary>The channel (physical link) that the bytes given to <see cref="Receive(ReadOnlySpan{byte})"/> come from, as the <see cref="ReceiveFilter"/> sees it.</summary>
    public byte ByteChannel { get; set; }

    /// <summary>Received frames the <see cref="ReceiveFilter"/> refused (never seen by subscribers or services).</summary>
    public long FilteredFrames { get; private set; }

    /// <summary>Shorthand for <c>Messages.Subscribe</c>: calls <paramref name="handler"/> for each received <typeparamref name="TMessage"/>, allocation-free.</summary>
    public IDisposable Subscribe<TMessage>(MessageHandler<TMessage> handler)
        where TMessage : struct, IMavlinkMessage<TMessage> => Messages.Subscribe(handler);

    /// <summary>Shorthand for <c>Messages.Subscribe</c> with a handler object (a struct is never boxed).</summary>
    public IDisposable Subscribe<TMessage, THandler>(THandler handler)
        where TMessage : struct, IMavlinkMessage<TMessage>
        where THandler : IMessageHandler<TMessage> => Messages.Subscribe<TMessage, THandler>(handler);

    /// <summary>Shorthand for <c>Messages.Observe</c>: received <typeparamref name="TMessage"/>s for UIs.</summary>
    public IObservable<ReceivedMessage<TMessage>> Observe<TMessage>()
        where TMessage : struct, IMavlinkMessage<TMessage> => Messages.Observe<TMessage>();

    /// <summary>Attaches a service (at start-up, before traffic flows) and returns it.</summary>
    public T Add<T>(T service)
        where T : IMavlinkService
    {
        ArgumentNullException.ThrowIfNull(service);
        lock (_receiveLock)
        {
            _services.Add(service);
        }

        return service;
    }

    /// <summary>Parses received bytes (any chunking) and dispatches every checked frame. No allocation.</summary>
    public void Receive(ReadOnlySpan<byte> bytes)
    {
        lock (_receiveLock)
        {
            long nowUs = Clock.TimeUs;
            while (_parser.TryRead(ref bytes, out MavlinkFrame frame))
            {
                DispatchLocked(frame, ByteChannel, nowUs);
            }
        }
    }

    /// <summary>Dispatches a frame already parsed elsewhere (e.g. by a <see cref="Transports.MavlinkLink"/>).</summary>
    public void Receive(MavlinkFrame frame) => Receive(frame, ByteChannel);

    /// <summary>Dispatches a frame already parsed elsewhere that arrived on <paramref name="channel"/> (a second link, e.g. USB).</summary>
    public void Receive(MavlinkFrame frame, byte channel)
    {
        lock (_receiveLock)
        {
            DispatchLocked(frame, channel, Clock.TimeUs);
        }
    }

    /// <summary>Runs every service's periodic work at the clock's current time.</summary>
    public void Tick()
    {
        lock (_receiveLock)
        {
            long nowUs = Clock.TimeUs;
            for (int i = 0; i < _services.Count; i++)
            {
                _services[i].Tick(nowUs);
            }
        }
    }

    /// <summary>Encodes <paramref name="message"/> as a MAVLink 2 frame from this node and sends it. No allocation.</summary>
    public bool Send<T>(in T message)
        where T : struct, IMavlinkMessage<T>
    {
        lock (_sendLock)
        {
            int length = _writer.WriteV2(message, _sendBuffer);
            bool sent = _sink.Send(_sendBuffer.AsSpan(0, length));
            if (!sent)
            {
                SendFailures++;
            }

            return sent;
        }
    }

    /// <summary>True when a message addressed to (<paramref name="targetSystem"/>, <paramref name="targetComponent"/>) is for this node (0 = broadcast).</summary>
    public bool IsForMe(byte targetSystem, byte targetComponent) =>
        (targetSystem == 0 || targetSystem == SystemId) && (targetComponent == 0 || targetComponent == ComponentId);

    private void DispatchLocked(MavlinkFrame frame, byte channel, long nowUs)
    {
        if (frame.SystemId == SystemId && frame.ComponentId == ComponentId)
        {
            return;
        }

        if (ReceiveFilter is not null && !ReceiveFilter.Admit(frame, channel, nowUs))
        {
            FilteredFrames++;
            return;
        }

        Messages.Dispatch(frame, nowUs);
        for (int i = 0; i < _services.Count; i++)
        {
            _services[i].OnFrame(frame, nowUs);
        }
    }
}
