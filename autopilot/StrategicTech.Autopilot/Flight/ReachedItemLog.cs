namespace StrategicTech.Autopilot.Flight;

/// <summary>
/// The newest <see cref="Capacity"/> MISSION_ITEM_REACHED events (item indices, −1 when not in the ring), numbered
/// from 1 like <see cref="VehicleStatus.ReachedCount"/>, so an observer polling slower than the events arrive still
/// reports each one.
/// </summary>
public sealed class ReachedItemLog : SequencedLog<int>
{
    public const int Capacity = 32;

    public ReachedItemLog()
        : base(Capacity, missing: -1)
    {
    }

    public void Add(int itemIndex) => Append(itemIndex);
}
