namespace StrategicTech.Autopilot.Comms;

/// <summary>
/// Single-producer/single-consumer queue of byte chunks with preallocated slots: an I/O thread enqueues what it
/// received, the loop drains it into the MAVLink parser, so the loop never blocks on I/O. Chunks longer than a slot
/// are split (the parser accepts any chunking; order is kept). When full, new bytes are dropped and counted.
/// Neither side locks nor allocates.
/// </summary>
public sealed class ByteChunkQueue
{
    private readonly byte[][] _slots;
    private readonly int[] _lengths;
    private long _head; // next slot to read (consumer)
    private long _tail; // next slot to write (producer)
    private long _droppedBytes;

    public ByteChunkQueue(int slotCount = 256, int slotBytes = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slotCount, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(slotBytes, 64);
        _slots = new byte[slotCount][];
        for (int i = 0; i < slotCount; i++)
        {
            _slots[i] = new byte[slotBytes];
        }

        _lengths = new int[slotCount];
    }

    /// <summary>Bytes dropped because the consumer fell behind.</summary>
    public long DroppedBytes => Interlocked.Read(ref _droppedBytes);

    /// <summary>Producer side: whether <paramref name="byteCount"/> bytes fit now (the consumer only ever frees room).</summary>
    public bool HasRoomFor(int byteCount)
    {
        int slotBytes = _slots[0].Length;
        long needed = (byteCount + (long)slotBytes - 1) / slotBytes;
        return _tail - Volatile.Read(ref _head) + needed <= _slots.Length;
    }

    /// <summary>Consumer side: true when nothing is queued.</summary>
    public bool IsEmpty => Volatile.Read(ref _head) == Volatile.Read(ref _tail);

    /// <summary>Producer side: copies <paramref name="bytes"/> in. False when some had to be dropped.</summary>
    public bool Enqueue(ReadOnlySpan<byte> bytes)
    {
        int slotBytes = _slots[0].Length;
        while (!bytes.IsEmpty)
        {
            long tail = _tail;
            if (tail - Volatile.Read(ref _head) >= _slots.Length)
            {
                Interlocked.Add(ref _droppedBytes, bytes.Length);
                return false;
            }

            int index = (int)(tail % _slots.Length);
            int count = Math.Min(slotBytes, bytes.Length);
            bytes[..count].CopyTo(_slots[index]);
            _lengths[index] = count;
            bytes = bytes[count..];
            Volatile.Write(ref _tail, tail + 1);
        }

        return true;
    }

    /// <summary>Consumer side: hands each queued chunk to <paramref name="consumer"/> in order; returns how many.</summary>
    public int Drain<TConsumer>(ref TConsumer consumer)
        where TConsumer : struct, IByteChunkConsumer
    {
        int drained = 0;
        long head = _head;
        long tail = Volatile.Read(ref _tail);
        while (head < tail)
        {
            int index = (int)(head % _slots.Length);
            consumer.Consume(_slots[index].AsSpan(0, _lengths[index]));
            head++;
            drained++;
            Volatile.Write(ref _head, head);
        }

        return drained;
    }
}
