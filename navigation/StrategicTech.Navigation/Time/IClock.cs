namespace StrategicTech.Navigation.Time;

/// <summary>
/// A monotonic clock in microseconds, injected wherever logic needs "now". Values only ever grow; the epoch is
/// arbitrary (process start for the wall clock, scenario start in SITL), so compare differences, never absolutes.
/// </summary>
public interface IClock
{
    /// <summary>Current monotonic time (µs).</summary>
    long TimeUs { get; }
}
