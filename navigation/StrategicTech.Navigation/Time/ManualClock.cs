using System.Globalization;

namespace StrategicTech.Navigation.Time;

/// <summary>
/// Simulation time: stands still until its owner advances it. Reads and writes are atomic (64-bit volatile), so
/// another thread may read it while the simulator steps it.
/// </summary>
public sealed class ManualClock : ISteppableClock
{
    private long _timeUs;

    public ManualClock(long startUs = 0)
    {
        if (startUs < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(startUs), startUs, "start time must be ≥ 0 µs");
        }

        _timeUs = startUs;
    }

    public long TimeUs => Volatile.Read(ref _timeUs);

    /// <summary>Moves time forward by <paramref name="deltaUs"/> (≥ 0).</summary>
    public void AdvanceUs(long deltaUs)
    {
        if (deltaUs < 0)
        {
            ThrowNegativeDelta(deltaUs);
        }

        Volatile.Write(ref _timeUs, _timeUs + deltaUs);
    }

    public void AdvanceToUs(long timeUs)
    {
        if (timeUs > _timeUs)
        {
            Volatile.Write(ref _timeUs, timeUs);
        }
    }

    private static void ThrowNegativeDelta(long deltaUs) =>
        throw new ArgumentOutOfRangeException(nameof(deltaUs), deltaUs,
            string.Create(CultureInfo.InvariantCulture, $"a monotonic clock cannot go back: delta {deltaUs} µs"));
}
