namespace StrategicTech.Drivers.Mavlink;

/// <summary>Wall-clock time for signing timestamps, injected so codecs never read the system clock themselves.</summary>
public interface IUnixTimeSource
{
    /// <summary>Microseconds since 1970-01-01 00:00 UTC.</summary>
    long UnixTimeUs { get; }
}
