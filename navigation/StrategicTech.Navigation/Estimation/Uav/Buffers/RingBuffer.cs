namespace StrategicTech.Navigation.Estimation.Uav.Buffers;

/// <summary>
/// Fixed-capacity FIFO; pushing into a full buffer overwrites the oldest entry (and reports it). Indices wrap by a
/// compare, not a modulo: the EKF pushes and drops several entries per IMU step, and an integer division costs tens
/// of cycles each.
/// </summary>
public sealed class RingBuffer<T>
    where T : struct
{
    private readonly T[] _items;
    private int _head;

    public RingBuffer(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _items = new T[capacity];
    }

    public int Count { get; private set; }

    public int Capacity => _items.Length;

    /// <summary>Entry i counted from the oldest.</summary>
    public ref T this[int i] => ref _items[Wrap(_head + i)];

    /// <summary>Appends; returns false when the oldest entry had to be overwritten.</summary>
    public bool Push(in T item)
    {
        bool fit = Count < _items.Length;
        if (fit)
        {
            _items[Wrap(_head + Count)] = item;
            Count++;
        }
        else
        {
            _items[_head] = item;
            _head = Wrap(_head + 1);
        }

        return fit;
    }

    public ref readonly T PeekOldest() => ref _items[_head];

    public ref readonly T PeekNewest() => ref _items[Wrap(_head + Count - 1)];

    public void DropOldest()
    {
        if (Count == 0)
        {
            return;
        }

        _head = Wrap(_head + 1);
        Count--;
    }

    /// <summary>An index in [0, 2 capacity) brought into [0, capacity); callers never pass more (head and offset are each below capacity).</summary>
    private int Wrap(int index) => index >= _items.Length ? index - _items.Length : index;

    public void Clear()
    {
        _head = 0;
        Count = 0;
    }
}
