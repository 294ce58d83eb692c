namespace StrategicTech.Drivers.Mavlink;

/// <summary>The host's UTC clock, for production links (tests inject a manual source).</summary>
public sealed class SystemUnixTimeSource : IUnixTimeSource
{
    public static SystemUnixTimeSource Instance { get; } = new();

    public long UnixTimeUs => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMicrosecond;
}
