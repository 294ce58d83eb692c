using System.Globalization;

namespace StrategicTech.Drivers.Vda5050.Messages;

/// <summary>
/// The rules of the 3.0.0 zoneSet schema that JSON binding alone does not enforce: each zone type's required members
/// (the schema's if/then), factor ranges [0, 1], at least three vertices, finite numbers, and zone ids unique in the
/// set (the schema says "locally unique"). Decode checks them on what arrives; encode also refuses a member that
/// belongs to another zone type, so what we send validates even against a strict reading of the schema.
/// </summary>
public static class ZoneSetRules
{
    /// <summary>Null when valid; otherwise the first problem, naming the member's path.</summary>
    public static string? Check(ZoneSetDefinition set, bool foreignMembersAllowed)
    {
        ArgumentNullException.ThrowIfNull(set);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < set.Zones.Count; i++)
        {
            Zone z = set.Zones[i];
            string at = "zoneSet.zones[" + i.ToString(CultureInfo.InvariantCulture) + "]";
            if (!ids.Add(z.ZoneId))
            {
                return $"{at}.zoneId: '{z.ZoneId}' appears twice in the zone set";
            }

            string? problem = CheckVertices(z, at) ?? CheckTypeMembers(z, at) ?? (foreignMembersAllowed ? null : CheckForeignMembers(z, at));
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    private static string? CheckVertices(Zone z, string at)
    {
        if (z.Vertices.Count < 3)
        {
            return $"{at}.vertices: {z.Vertices.Count} vertices, a zone needs at least 3";
        }

        for (int k = 0; k < z.Vertices.Count; k++)
        {
            if (!double.IsFinite(z.Vertices[k].XM) || !double.IsFinite(z.Vertices[k].YM))
            {
                return $"{at}.vertices[{k}]: not a finite point";
            }
        }

        return null;
    }

    private static string? CheckTypeMembers(Zone z, string at) => z.ZoneType switch
    {
        ZoneType.Release when z.ReleaseLossBehavior is null => $"{at}.releaseLossBehavior: required in a RELEASE zone",
        ZoneType.SpeedLimit when z.MaximumSpeedMps is not double v || !double.IsFinite(v) || v < 0 =>
            $"{at}.maximumSpeed: required in a SPEED_LIMIT zone, finite and not negative",
        ZoneType.Action when z.EntryActions is null || z.DuringActions is null || z.ExitActions is null =>
            $"{at}: an ACTION zone requires entryActions, duringActions and exitActions (empty arrays when none)",
        ZoneType.Priority when !IsFactor(z.PriorityFactor) => $"{at}.priorityFactor: required in a PRIORITY zone, in [0, 1]",
        ZoneType.Penalty when !IsFactor(z.PenaltyFactor) => $"{at}.penaltyFactor: required in a PENALTY zone, in [0, 1]",
        ZoneType.Directed when z.DirectionRad is not double d || !double.IsFinite(d) || z.DirectedLimitation is null =>
            $"{at}: a DIRECTED zone requires a finite direction and directedLimitation",
        ZoneType.Bidirected when z.DirectionRad is not double d || !double.IsFinite(d) || z.BidirectedLimitation is null =>
            $"{at}: a BIDIRECTED zone requires a finite direction and bidirectedLimitation",
        _ => null,
    };

    private static bool IsFactor(double? f) => f is double v && v is >= 0 and <= 1;

    private static string? CheckForeignMembers(Zone z, string at)
    {
        (string Name, bool Present, bool Belongs)[] members =
        [
            ("releaseLossBehavior", z.ReleaseLossBehavior is not null, z.ZoneType == ZoneType.Release),
            ("maximumSpeed", z.MaximumSpeedMps is not null, z.ZoneType == ZoneType.SpeedLimit),
            ("entryActions", z.EntryActions is not null, z.ZoneType == ZoneType.Action),
            ("duringActions", z.DuringActions is not null, z.ZoneType == ZoneType.Action),
            ("exitActions", z.ExitActions is not null, z.ZoneType == ZoneType.Action),
            ("priorityFactor", z.PriorityFactor is not null, z.ZoneType == ZoneType.Priority),
            ("penaltyFactor", z.PenaltyFactor is not null, z.ZoneType == ZoneType.Penalty),
            ("direction", z.DirectionRad is not null, z.ZoneType is ZoneType.Directed or ZoneType.Bidirected),
            ("directedLimitation", z.DirectedLimitation is not null, z.ZoneType == ZoneType.Directed),
            ("bidirectedLimitation", z.BidirectedLimitation is not null, z.ZoneType == ZoneType.Bidirected),
        ];
        foreach ((string name, bool present, bool belongs) in members)
        {
            if (present && !belongs)
            {
                return $"{at}.{name}: not a member of a {z.ZoneType} zone";
            }
        }

        return null;
    }
}
