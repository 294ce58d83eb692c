namespace StrategicTech.Navigation.Time;

/// <summary>A clock whose time is moved explicitly by its owner (the simulator), used for lockstep execution.</summary>
public interface ISteppableClock : IClock
{
    /// <summary>Moves time forward to <paramref name="timeUs"/>; a time at or before now leaves the clock unchanged (monotonic).</summary>
    void AdvanceToUs(long timeUs);
}
