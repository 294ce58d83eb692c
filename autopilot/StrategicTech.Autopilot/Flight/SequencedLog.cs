namespace StrategicTech.Autopilot.Flight;

/// <summary>
/// The newest entries of an event stream in a fixed ring, numbered 1, 2, … in arrival order. A reader remembers the
/// last sequence number it saw and fetches newer ones with <see cref="TryGet"/>, so a reader polling slower than the
/// events arrive still sees each one while it is in the ring (older ones show as a gap). No allocation after
/// construction; single-threaded like the loop that owns it.
/// </summary>
public class SequencedLog<T>
{
    private readonly T[] _ring;
    private readonly T _missing;

    /// <param name="capacity">Entries kept.</param>
    /// <param name="missing">Value <see cref="TryGet"/> and <see cref="Latest"/> give when there is no such entry.</param>
    protected SequencedLog(int capacity, T missing)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _ring = new T[capacity];
        _missing = missing;
    }

    /// <summary>Entries so far (the sequence number of the newest).</summary>
    public long Count { get; private set; }

    /// <summary>The newest entry (the missing value when none yet).</summary>
    public T Latest => Count == 0 ? _missing : _ring[Slot(Count)];

    /// <summary>The entry with this sequence number, while it is still in the ring.</summary>
    public bool TryGet(long sequence, out T entry)
    {
        if (sequence < 1 || sequence > Count || sequence <= Count - _ring.Length)
        {
            entry = _missing;
            return false;
        }

        entry = _ring[Slot(sequence)];
        return true;
    }

    /// <summary>Appends an entry; it gets sequence number <see cref="Count"/> + 1.</summary>
    protected void Append(T entry)
    {
        Count++;
        _ring[Slot(Count)] = entry;
    }

    private int Slot(long sequence) => (int)((sequence - 1) % _ring.Length);
}
