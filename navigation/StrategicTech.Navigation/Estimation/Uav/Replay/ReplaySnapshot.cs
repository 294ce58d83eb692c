namespace StrategicTech.Navigation.Estimation.Uav.Replay;

/// <summary>Our delayed-horizon estimate when the replay clock reached <see cref="TimeUs"/>.</summary>
public readonly record struct ReplaySnapshot(long TimeUs, bool Aligned, UavState State);
