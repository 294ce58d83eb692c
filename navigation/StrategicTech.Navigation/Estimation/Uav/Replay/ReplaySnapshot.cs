namespace StrategicTech.Navigation.Estimation.Uav.Replay;

/// <summary>
/// Our delayed-horizon estimate when the replay clock reached <see cref="TimeUs"/>; <see cref="StateTimeUs"/> is the
/// time the state describes (the delayed horizon, behind the replay clock by about the filter's horizon).
/// </summary>
public readonly record struct ReplaySnapshot(long TimeUs, bool Aligned, UavState State, long StateTimeUs = 0);
