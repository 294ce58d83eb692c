using System.Globalization;

namespace StrategicTech.Autopilot.Bus;

/// <summary>
/// A typed topic, like a PX4 uORB topic: the latest sample plus a bounded ring of recent ones, every sample
/// stamped with a generation number (1, 2, 3, …).
/// <para>
/// Threading contract: any number of threads may publish (publishers are serialised by a short lock that only
/// copies the struct into the ring). Any number of <see cref="TopicSubscription{T}"/>s may read, each from one
/// thread at a time; reads take no lock and never block or slow a publisher (a per-slot sequence check detects a
/// slot being overwritten mid-read and retries). Publishing and reading allocate nothing.
/// </para>
/// </summary>
public sealed class Topic<T>
    where T : unmanaged
{
    private readonly T[] _slots;

    // Generation stored in each slot, or −1 while a publisher is writing it (seqlock).
    private readonly long[] _slotGenerations;
    private readonly int _mask;
    private readonly Lock _publishLock = new();
    private long _generation;

    public Topic(string name, int capacity = 16)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (capacity < 1 || capacity > (1 << 24) || (capacity & (capacity - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, string.Create(CultureInfo.InvariantCulture,
                $"topic '{name}': ring capacity must be a power of two in 1..16777216, got {capacity}"));
        }

        Name = name;
        Capacity = capacity;
        _mask = capacity - 1;
        _slots = new T[capacity];
        _slotGenerations = new long[capacity];
    }

    public string Name { get; }

    /// <summary>How many recent samples the ring keeps.</summary>
    public int Capacity { get; }

    /// <summary>Generation of the latest published sample (0 before the first publish).</summary>
    public long Generation => Volatile.Read(ref _generation);

    /// <summary>Publishes a sample and returns its generation.</summary>
    public long Publish(in T value)
    {
        lock (_publishLock)
        {
            long generation = _generation + 1;
            int slot = (int)(generation & _mask);

            // Mark the slot busy with a full fence so no reader sees the new bytes under the old generation.
            Interlocked.Exchange(ref _slotGenerations[slot], -1);
            _slots[slot] = value;
            Volatile.Write(ref _slotGenerations[slot], generation);
            Volatile.Write(ref _generation, generation);
            return generation;
        }
    }

    /// <summary>The latest sample, if any has been published.</summary>
    public bool TryGetLatest(out T value, out long generation)
    {
        while (true)
        {
            generation = Generation;
            if (generation == 0)
            {
                value = default;
                return false;
            }

            if (TryReadSlot(generation, out value))
            {
                return true;
            }
        }
    }

    /// <summary>A new subscription positioned after the current latest sample (it sees only later publishes),
    /// or, with <paramref name="includeLatest"/>, starting with the latest sample.</summary>
    public TopicSubscription<T> Subscribe(bool includeLatest = false)
    {
        long latest = Generation;
        return new TopicSubscription<T>(this, includeLatest && latest > 0 ? latest - 1 : latest);
    }

    /// <summary>Copies the sample of exactly this generation, or returns false if it has been overwritten (or is being written).</summary>
    internal bool TryReadSlot(long generation, out T value)
    {
        int slot = (int)(generation & _mask);
        if (Volatile.Read(ref _slotGenerations[slot]) != generation)
        {
            value = default;
            return false;
        }

        value = _slots[slot];
        Interlocked.MemoryBarrier(); // the copy above completes before the re-check below
        return Volatile.Read(ref _slotGenerations[slot]) == generation;
    }
}
