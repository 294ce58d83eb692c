using StrategicTech.Drivers.Rosbridge.Messages;
using StrategicTech.Drivers.Rosbridge.Protocol;

namespace StrategicTech.Drivers.Rosbridge.Client;

/// <summary>
/// An advertised topic. <see cref="Publish"/> never blocks: it puts the message in a preallocated ring that the
/// socket thread drains, encodes and sends; while the link is down messages wait there (the ring keeps the first
/// ones and counts the rest as dropped) and the advertisement is repeated on reconnect. A publisher made with
/// <see cref="KeepWhileDown"/> false (commands such as cmd_vel, which must never arrive late) instead has what waited
/// discarded at the reconnect, counted in <see cref="DiscardedAtReconnect"/>.
/// </summary>
public sealed class TopicPublisher<T> : IPublisherEntry
    where T : notnull
{
    private readonly SpscRing<T> _ring;
    private readonly Action<IPublisherEntry> _signal;

    private long _discarded;

    internal TopicPublisher(string topic, RosType<T> type, int capacity, Action<IPublisherEntry> signal, bool keepWhileDown = true)
    {
        KeepWhileDown = keepWhileDown;
        Topic = topic;
        Type = type;
        _ring = new SpscRing<T>(capacity);
        _signal = signal;
    }

    public string Topic { get; }

    public RosType<T> Type { get; }

    public long Dropped => _ring.Dropped;

    /// <summary>Whether messages published while the link is down are sent after the reconnect (else discarded then).</summary>
    public bool KeepWhileDown { get; }

    /// <summary>Messages that waited through an outage and were discarded at the reconnect (<see cref="KeepWhileDown"/> false).</summary>
    public long DiscardedAtReconnect => Volatile.Read(ref _discarded);

    string IPublisherEntry.TypeName => Type.Name;

    public bool Publish(T message)
    {
        if (!_ring.TryWrite(message))
        {
            return false;
        }

        _signal(this);
        return true;
    }

    bool IPublisherEntry.TryTakeFrame(out byte[] frame)
    {
        if (_ring.TryRead(out T message))
        {
            frame = RosbridgeFrames.Publish(Topic, message, Type.Contract);
            return true;
        }

        frame = [];
        return false;
    }

    void IPublisherEntry.DiscardQueued()
    {
        while (_ring.TryRead(out _))
        {
            Interlocked.Increment(ref _discarded);
        }
    }
}

internal interface IPublisherEntry
{
    string Topic { get; }

    string TypeName { get; }

    bool KeepWhileDown { get; }

    bool TryTakeFrame(out byte[] frame);

    /// <summary>Empties the ring (the socket thread, the ring's only reader, at a reconnect).</summary>
    void DiscardQueued();
}
