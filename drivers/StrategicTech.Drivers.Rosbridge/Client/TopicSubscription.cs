using StrategicTech.Drivers.Rosbridge.Messages;
using StrategicTech.Drivers.Rosbridge.Protocol;

namespace StrategicTech.Drivers.Rosbridge.Client;

/// <summary>
/// Where one subscribed topic meets its consumer: a latest-value slot (with a sequence number) and a bounded
/// preallocated queue, both filled by the socket thread and read without blocking or allocating by the control
/// loop. <see cref="Received"/> is for non-real-time consumers and runs on the socket thread.
/// </summary>
public sealed class TopicSubscription<T> : IObjectSubscriptionEntry
    where T : notnull
{
    private readonly SpscRing<T> _queue;
    private readonly RosbridgeCounters? _counters;
    private Latest? _latest;
    private long _sequence;

    internal TopicSubscription(string topic, RosType<T> type, SubscribeOptions options, string id, int queueCapacity, RosbridgeCounters? counters = null)
    {
        _counters = counters;
        Topic = topic;
        Type = type;
        Options = options;
        Id = id;
        _queue = new SpscRing<T>(queueCapacity);
        CompressionInUse = options.Compression;
    }

    public string Topic { get; }

    public RosType<T> Type { get; }

    public SubscribeOptions Options { get; }

    public string Id { get; }

    /// <summary>The compression actually requested now: cbor and cbor-raw fall back to none when the server fails to send them.</summary>
    public string CompressionInUse { get; private set; }

    /// <summary>Messages received (the sequence number of the latest).</summary>
    public long Sequence => Volatile.Read(ref _sequence);

    /// <summary>Messages the consumer did not drain in time (queue full).</summary>
    public long Dropped => _queue.Dropped;

    public event Action<T>? Received;

    private long SubscribedAtTicks { get; set; }

    string ISubscriptionEntry.TypeName => Type.Name;

    string ISubscriptionEntry.CompressionInUse { get => CompressionInUse; set => CompressionInUse = value; }

    long ISubscriptionEntry.SubscribedAtTicks { get => SubscribedAtTicks; set => SubscribedAtTicks = value; }

    /// <summary>The newest message, if any arrived.</summary>
    public bool TryGetLatest(out T message, out long sequence)
    {
        Latest? latest = Volatile.Read(ref _latest);
        sequence = latest?.Sequence ?? 0;
        message = latest is null ? default! : latest.Value;
        return latest is not null;
    }

    /// <summary>Takes the oldest queued message.</summary>
    public bool TryRead(out T message) => _queue.TryRead(out message);

    void IObjectSubscriptionEntry.Deliver(RosbridgeEnvelope envelope)
    {
        T message = envelope.WasCbor && CompressionInUse == RosbridgeCompression.CborRaw ? DecodeRaw(envelope) : envelope.Decode("msg", Type.Contract, Type.Name);
        _queue.TryWrite(message);
        long sequence = Interlocked.Increment(ref _sequence);
        Volatile.Write(ref _latest, new Latest(message, sequence));
        InvokeReceived(message);
    }

    /// <summary>
    /// A consumer's handler that throws must not take the socket's receive loop (and every other topic) down with
    /// it: the message is already queued; the failure is counted and the loop goes on.
    /// </summary>
    private void InvokeReceived(T message)
    {
        try
        {
            Received?.Invoke(message);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            if (_counters is { } counters)
            {
                Interlocked.Increment(ref counters.HandlerFailuresValue);
                counters.LastHandlerError = $"{Topic}: {e.GetType().Name}: {e.Message}";
            }
        }
    }

    /// <summary>cbor-raw: msg carries the ROS 2 serialized message; the error names topic and type for the report.</summary>
    private T DecodeRaw(RosbridgeEnvelope envelope)
    {
        try
        {
            return envelope.DecodeCdr("msg", Type.Cdr!);
        }
        catch (RosbridgeFrameException e)
        {
            throw new RosbridgeFrameException(e.Error, $"cbor-raw {Topic} ({Type.Name}): {e.Message}");
        }
    }

    private sealed record Latest(T Value, long Sequence);
}

/// <summary>The untyped face of a subscription the receive loop dispatches to.</summary>
internal interface ISubscriptionEntry
{
    string Topic { get; }

    string Id { get; }

    string TypeName { get; }

    SubscribeOptions Options { get; }

    string CompressionInUse { get; set; }

    long Sequence { get; }

    long SubscribedAtTicks { get; set; }
}

/// <summary>A subscription that takes message objects decoded from the parsed envelope.</summary>
internal interface IObjectSubscriptionEntry : ISubscriptionEntry
{
    void Deliver(RosbridgeEnvelope envelope);
}
