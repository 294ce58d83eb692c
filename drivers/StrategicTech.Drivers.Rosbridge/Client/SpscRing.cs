namespace StrategicTech.Drivers.Rosbridge.Client;

/// <summary>
/// A preallocated single-producer/single-consumer ring: the socket thread writes, the control loop reads (or the
/// other way for publishing). Neither side blocks or allocates; a full ring refuses the item and counts it.
/// </summary>
public sealed class SpscRing<T>
{
    private readonly T[] _items;
    private long _head; // next read
    private long _tail; // next write
    private long _dropped;

    public SpscRing(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _items = new T[capacity];
    }

    public int Capacity => _items.Length;

    public int Count => (int)(Volatile.Read(ref _tail) - Volatile.Read(ref _head));

    /// <summary>Items refused because the ring was full.</summary>
    public long Dropped => Volatile.Read(ref _dropped);

    public bool TryWrite(T item)
    {
        long tail = _tail;
        if (tail - Volatile.Read(ref _head) >= _items.Length)
        {
            Interlocked.Increment(ref _dropped);
            return false;
        }

        _items[tail % _items.Length] = item;
        Volatile.Write(ref _tail, tail + 1);
        return true;
    }

    public bool TryRead(out T item)
    {
        long head = _head;
        if (head == Volatile.Read(ref _tail))
        {
            item = default!;
            return false;
        }

        long slot = head % _items.Length;
        item = _items[slot];
        _items[slot] = default!;
        Volatile.Write(ref _head, head + 1);
        return true;
    }
}
