using System.Text;
using StrategicTech.Drivers.Rosbridge.Codec;
using StrategicTech.Drivers.Rosbridge.Codec.Cdr;
using StrategicTech.Drivers.Rosbridge.Messages.Preallocated;
using StrategicTech.Drivers.Rosbridge.Protocol;

namespace StrategicTech.Drivers.Rosbridge.Client;

/// <summary>
/// A subscription whose messages are decoded on the socket thread straight into the slots of a preallocated ring of
/// <typeparamref name="TBuffer"/> (JSON, CBOR or cbor-raw, no message objects), and taken by the control loop in
/// order (<see cref="TryRead"/>) or newest-only (<see cref="TryTakeLatest"/>) without blocking or allocating.
/// Single producer (the socket thread), single consumer (the control loop). A slot handed to the consumer stays
/// its own until the next take or <see cref="Release"/>: the producer never writes a slot that is pending or held.
/// A message arriving while <see cref="Capacity"/> are pending is still decoded (so a bad frame is counted and a
/// failing CBOR topic falls back) into the one spare slot, then refused and counted in <see cref="Dropped"/>.
/// </summary>
public sealed class PreallocatedSubscription<TBuffer> : ISubscriptionEntry, IPreallocatedEntry
    where TBuffer : class, IPreallocatedMessage
{
    private readonly TBuffer[] _slots; // Capacity + 1: the spare is where the producer decodes next
    private long _head; // oldest pending (the held slot while _holding)
    private long _tail; // next slot the producer fills
    private bool _holding; // consumer-only
    private long _dropped;
    private long _sequence;
    private long _latestStampUs = long.MinValue;

    internal PreallocatedSubscription(string topic, PreallocatedType<TBuffer> type, SubscribeOptions options, string id, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Topic = topic;
        TopicUtf8 = Encoding.UTF8.GetBytes(topic);
        Type = type;
        Options = options;
        Id = id;
        CompressionInUse = options.Compression;
        _slots = new TBuffer[capacity + 1];
        for (int i = 0; i < _slots.Length; i++)
        {
            _slots[i] = type.Create();
        }
    }

    public string Topic { get; }

    public PreallocatedType<TBuffer> Type { get; }

    public SubscribeOptions Options { get; }

    public string Id { get; }

    /// <summary>Messages that may be pending (including one held by the consumer).</summary>
    public int Capacity => _slots.Length - 1;

    /// <summary>The compression actually requested now: cbor and cbor-raw fall back to none when the server fails to send them.</summary>
    public string CompressionInUse { get; private set; }

    /// <summary>Messages decoded (the sequence number of the newest, queued or dropped).</summary>
    public long Sequence => Volatile.Read(ref _sequence);

    /// <summary>Messages refused because <see cref="Capacity"/> were pending (the consumer fell behind).</summary>
    public long Dropped => Volatile.Read(ref _dropped);

    /// <summary>Stamp (µs) of the newest message decoded (long.MinValue before any).</summary>
    public long LatestStampUs => Volatile.Read(ref _latestStampUs);

    /// <summary>Messages waiting (not counting one the consumer holds).</summary>
    public int Pending => (int)(Volatile.Read(ref _tail) - _head) - (_holding ? 1 : 0);

    byte[] IPreallocatedEntry.TopicUtf8 => TopicUtf8;

    string ISubscriptionEntry.TypeName => Type.Name;

    string ISubscriptionEntry.CompressionInUse { get => CompressionInUse; set => CompressionInUse = value; }

    string IPreallocatedEntry.CompressionInUse => CompressionInUse;

    long ISubscriptionEntry.SubscribedAtTicks { get; set; }

    private byte[] TopicUtf8 { get; }

    /// <summary>Releases the held slot and takes the oldest pending message; it stays valid until the next take or <see cref="Release"/>.</summary>
    public bool TryRead(out TBuffer message)
    {
        Release();
        if (_head == Volatile.Read(ref _tail))
        {
            message = null!;
            return false;
        }

        message = _slots[_head % _slots.Length];
        _holding = true;
        return true;
    }

    /// <summary>Releases the held slot, skips all but the newest pending message and takes that one.</summary>
    public bool TryTakeLatest(out TBuffer message)
    {
        Release();
        long tail = Volatile.Read(ref _tail);
        if (_head == tail)
        {
            message = null!;
            return false;
        }

        Volatile.Write(ref _head, tail - 1);
        message = _slots[(tail - 1) % _slots.Length];
        _holding = true;
        return true;
    }

    /// <summary>Gives the held slot back to the producer.</summary>
    public void Release()
    {
        if (_holding)
        {
            _holding = false;
            Volatile.Write(ref _head, _head + 1);
        }
    }

    /// <summary>Socket thread: decodes <paramref name="msg"/> (in <paramref name="encoding"/>) into the spare slot and queues it.</summary>
    void IPreallocatedEntry.Deliver(ReadOnlyMemory<byte> msg, string encoding, CborInto cbor)
    {
        long tail = _tail;
        TBuffer slot = _slots[tail % _slots.Length];
        if (encoding == RosbridgeCompression.None)
        {
            Type.DecodeJson(msg.Span, slot);
        }
        else if (encoding == RosbridgeCompression.Cbor)
        {
            Type.DecodeCbor(cbor, msg, slot);
        }
        else
        {
            DecodeRaw(msg, cbor, slot);
        }

        Interlocked.Increment(ref _sequence);
        Volatile.Write(ref _latestStampUs, slot.Stamp.ToMicroseconds());
        if (tail - Volatile.Read(ref _head) >= Capacity)
        {
            Interlocked.Increment(ref _dropped);
            return;
        }

        Volatile.Write(ref _tail, tail + 1);
    }

    /// <summary>cbor-raw: msg is {secs, nsecs, bytes}; the error names topic and type for the report.</summary>
    private void DecodeRaw(ReadOnlyMemory<byte> msg, CborInto cbor, TBuffer slot)
    {
        if (!cbor.TryReadRawBytes(msg, out ReadOnlyMemory<byte> serialized))
        {
            throw new RosbridgeFrameException(RosbridgeFrameError.InvalidCbor, $"cbor-raw {Topic} ({Type.Name}): msg lacks secs, nsecs and a 'bytes' byte string");
        }

        try
        {
            Type.DecodeCdr(serialized.Span, slot);
        }
        catch (CdrFormatException e)
        {
            throw new RosbridgeFrameException(RosbridgeFrameError.InvalidCbor, $"cbor-raw {Topic} ({Type.Name}): {e.Message}");
        }
    }
}

/// <summary>The face of a preallocated subscription the receive loop's direct path dispatches to.</summary>
internal interface IPreallocatedEntry
{
    byte[] TopicUtf8 { get; }

    string CompressionInUse { get; }

    /// <summary>Decodes one publish's msg; <paramref name="encoding"/> is one of the <see cref="RosbridgeCompression"/> constants.</summary>
    void Deliver(ReadOnlyMemory<byte> msg, string encoding, CborInto cbor);
}
