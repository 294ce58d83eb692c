namespace StrategicTech.Autopilot.Runtime;

/// <summary>
/// Work the <see cref="FixedRateScheduler"/> runs at a fixed rate. An interface rather than a delegate so the hot
/// path is a plain virtual call on a long-lived object: no closure, no allocation per tick.
/// </summary>
public interface IPeriodicTask
{
    /// <summary>Runs one cycle. <paramref name="timeUs"/> is the clock reading at the start of this run.</summary>
    void Run(long timeUs);
}
