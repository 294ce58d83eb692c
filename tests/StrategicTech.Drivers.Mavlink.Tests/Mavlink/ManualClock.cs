using StrategicTech.Drivers.Mavlink;

namespace StrategicTech.Drivers.Mavlink.Tests.Mavlink;

/// <summary>A settable wall clock for signing tests.</summary>
internal sealed class ManualClock(long unixTimeUs) : IUnixTimeSource
{
    public long UnixTimeUs { get; set; } = unixTimeUs;

    /// <summary>A clock that reads exactly the given signing timestamp.</summary>
    public static ManualClock AtSigningTimestamp(ulong timestamp) => new(MavlinkSignature.EpochUnixUs + ((long)timestamp * 10));
}
