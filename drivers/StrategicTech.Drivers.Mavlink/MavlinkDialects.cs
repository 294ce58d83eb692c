using StrategicTech.Drivers.Mavlink.Dialects.Ardupilotmega;
using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Drivers.Mavlink.Dialects.Development;
using StrategicTech.Drivers.Mavlink.Dialects.Minimal;
using StrategicTech.Drivers.Mavlink.Dialects.Standard;

namespace StrategicTech.Drivers.Mavlink;

/// <summary>The dialects this library ships, by name, plus <see cref="All"/>: every message of them (ids are unique across the official set).</summary>
public static class MavlinkDialects
{
    private static readonly Lazy<MavlinkDialect> AllMessages = new(() => new MavlinkDialect(
        "all",
        ArdupilotmegaDialect.Instance.Messages.Concat(DevelopmentDialect.Instance.Messages).DistinctBy(m => m.Id)));

    /// <summary>Names accepted by <see cref="ByName"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = ["all", "minimal", "standard", "common", "ardupilotmega", "development"];

    public static MavlinkDialect All => AllMessages.Value;

    /// <summary>The dialect called <paramref name="name"/> (case-insensitive), or null when there is none.</summary>
    public static MavlinkDialect? ByName(string name) => name.ToUpperInvariant() switch
    {
        "ALL" => All,
        "MINIMAL" => MinimalDialect.Instance,
        "STANDARD" => StandardDialect.Instance,
        "COMMON" => CommonDialect.Instance,
        "ARDUPILOTMEGA" => ArdupilotmegaDialect.Instance,
        "DEVELOPMENT" => DevelopmentDialect.Instance,
        _ => null,
    };
}
