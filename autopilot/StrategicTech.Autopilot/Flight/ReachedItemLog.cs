namespace StrategicTech.Autopilot.Flight;

/// <summary>
/// The newest <see cref="Capacity"/> MISSION_ITEM_REACHED events (item indices) in a ring, numbered from 1 like
/// <see cref="VehicleStatus.ReachedCount"/>, so an observer polling slower than the events arrive still reports each
/// one. No allocation after construction; single-threaded like the loop that owns it.
/// </summary>
public sealed class ReachedItemLog
{
    public const int Capacity = 32;

    private readonly int[] ring = new int[Capacity];

    /// <summary>Events so far (the sequence number of the newest).</summary>
    public long Count { get; private set; }

    /// <summary>The item index of event <paramref name="sequence"/>, while it is still in the ring.</summary>
    public bool TryGet(long sequence, out int itemIndex)
    {
        if (sequence < 1 || sequence > Count || sequence <= Count - Capacity)
        {
            itemIndex = -1;
            return false;
        }

        itemIndex = ring[(int)((sequence - 1) % Capacity)];
        return true;
    }

    public void Add(int itemIndex)
    {
        Count++;
        ring[(int)((Count - 1) % Capacity)] = itemIndex;
    }
}
