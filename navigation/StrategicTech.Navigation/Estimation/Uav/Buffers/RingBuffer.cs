namespace StrategicTech.Navigation.Estimation.Uav.Buffers;

/// <summary>Fixed-capacity FIFO; pushing into a full buffer overwrites the oldest entry (and reports it).</summary>
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
    public ref T this[int i] => ref _items[(_head + i) % _items.Length];

    /// <summary>Appends; returns false when the oldest entry had to be overwritten.</summary>
    public bool Push(in T item)
    {
        bool fit = Count < _items.Length;
        if (fit)
        {
            _items[(_head + Count) % _items.Length] = item;
            Count++;
        }
        else
        {
            _items[_head] = item;
            _head = (_head + 1) % _items.Length;
        }

        return fit;
    }

    public ref readonly T PeekOldest() => ref _items[_head];

    public ref readonly T PeekNewest() => ref _items[(_head + Count - 1) % _items.Length];

    public void DropOldest()
    {
        if (Count == 0)
        {
            return;
        }

        _head = (_head + 1) % _items.Length;
        Count--;
    }

    public void Clear()
    {
        _head = 0;
        Count = 0;
    }
}
