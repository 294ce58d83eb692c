using System.Diagnostics;

namespace StrategicTech.Navigation.Time;

/// <summary>
/// The host's monotonic high-resolution counter (<see cref="Stopwatch"/>), in microseconds since this clock was
/// created. Immune to wall-time steps (NTP, the user changing the date), unlike <see cref="DateTime"/>.
/// </summary>
public sealed class WallClock : IClock
{
    private readonly long _originTicks = Stopwatch.GetTimestamp();

    public long TimeUs => TicksToUs(Stopwatch.GetTimestamp() - _originTicks);

    private static long TicksToUs(long ticks) =>
        Stopwatch.Frequency == 1_000_000_000
            ? ticks / 1000
            : (long)(ticks * (1_000_000.0 / Stopwatch.Frequency));
}
