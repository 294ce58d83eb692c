using StrategicTech.Drivers.Rosbridge.Messages;
using StrategicTech.Drivers.Rosbridge.Protocol;

namespace StrategicTech.Drivers.Rosbridge.Client;

/// <summary>
/// An advertised topic. <see cref="Publish"/> never blocks: it puts the message in a preallocated ring that the
/// socket thread drains, encodes and sends; while the link is down messages wait there (the ring keeps the first
/// ones and counts the rest as dropped) and the advertisement is repeated on reconnect.
/// </summary>
public sealed class TopicPublisher<T> : IPublisherEntry
    where T : notnull
{
    private readonly SpscRing<T> _ring;
    private readonly Action<IPublisherEntry> _signal;

    internal TopicPublisher(string topic, RosType<T> type, int capacity, Action<IPublisherEntry> signal)
    {
        Topic = topic;
        Type = type;
        _ring = new SpscRing<T>(capacity);
        _signal = signal;
    }

    public string Topic { get; }

    public RosType<T> Type { get; }

    public long Dropped => _ring.Dropped;

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
}

internal interface IPublisherEntry
{
    string Topic { get; }

    string TypeName { get; }

    bool TryTakeFrame(out byte[] frame);
}
