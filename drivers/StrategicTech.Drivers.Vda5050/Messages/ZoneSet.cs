using System.Text.Json.Serialization;

namespace StrategicTech.Drivers.Vda5050.Messages;

/// <summary>
/// Topic <c>zoneSet</c> (3.0 only, master → AGV): the zones of one map. The AGV stores it and reports it in
/// <c>state.zoneSets</c>; the newest set of a map is the ENABLED one (see <see cref="ZoneSetBook"/>).
/// </summary>
public sealed class ZoneSet : Vda5050Message
{
    [JsonPropertyName("zoneSet")]
    public required ZoneSetDefinition Definition { get; set; }
}

public sealed class ZoneSetDefinition
{
    [JsonPropertyName("mapId")]
    public required string MapId { get; set; }

    [JsonPropertyName("zoneSetId")]
    public required string ZoneSetId { get; set; }

    [JsonPropertyName("zoneSetDescriptor")]
    public string? ZoneSetDescriptor { get; set; }

    [JsonPropertyName("zones")]
    public required List<Zone> Zones { get; set; }
}

/// <summary>
/// One zone: a polygon (at least three vertices, in the project coordinate system, metres) and its type. Each type
/// has its own required members (the schema's if/then): RELEASE releaseLossBehavior, SPEED_LIMIT maximumSpeed,
/// ACTION entry/during/exit actions, PRIORITY priorityFactor, PENALTY penaltyFactor, DIRECTED direction and
/// directedLimitation, BIDIRECTED direction and bidirectedLimitation. <see cref="ZoneSetRules.Check"/> enforces them.
/// </summary>
public sealed class Zone
{
    [JsonPropertyName("zoneId")]
    public required string ZoneId { get; set; }

    [JsonPropertyName("zoneType")]
    public required ZoneType ZoneType { get; set; }

    [JsonPropertyName("zoneDescriptor")]
    public string? ZoneDescriptor { get; set; }

    [JsonPropertyName("vertices")]
    public required List<ZoneVertex> Vertices { get; set; }

    [JsonPropertyName("releaseLossBehavior")]
    public ZoneReleaseLossBehavior? ReleaseLossBehavior { get; set; }

    [JsonPropertyName("maximumSpeed")]
    public double? MaximumSpeedMps { get; set; }

    [JsonPropertyName("entryActions")]
    public List<ZoneAction>? EntryActions { get; set; }

    [JsonPropertyName("duringActions")]
    public List<ZoneAction>? DuringActions { get; set; }

    [JsonPropertyName("exitActions")]
    public List<ZoneAction>? ExitActions { get; set; }

    /// <summary>PRIORITY: 0 no preference over an area without zone, 1 maximum preference.</summary>
    [JsonPropertyName("priorityFactor")]
    public double? PriorityFactor { get; set; }

    /// <summary>PENALTY: 0 no penalty, 1 the robot takes this path only when there is no other.</summary>
    [JsonPropertyName("penaltyFactor")]
    public double? PenaltyFactor { get; set; }

    /// <summary>DIRECTED: the direction of travel; BIDIRECTED: it and its opposite (project frame).</summary>
    [JsonPropertyName("direction")]
    public double? DirectionRad { get; set; }

    [JsonPropertyName("directedLimitation")]
    public DirectedLimitation? DirectedLimitation { get; set; }

    [JsonPropertyName("bidirectedLimitation")]
    public BidirectedLimitation? BidirectedLimitation { get; set; }
}

public sealed class ZoneVertex
{
    [JsonPropertyName("x")]
    public required double XM { get; set; }

    [JsonPropertyName("y")]
    public required double YM { get; set; }
}

/// <summary>An action of an ACTION zone (no actionId: the robot runs it on every entry, crossing or exit).</summary>
public sealed class ZoneAction
{
    [JsonPropertyName("actionType")]
    public required string ActionType { get; set; }

    [JsonPropertyName("actionDescriptor")]
    public string? ActionDescriptor { get; set; }

    [JsonPropertyName("blockingType")]
    public required BlockingType BlockingType { get; set; }

    [JsonPropertyName("actionParameters")]
    public List<ActionParameter>? ActionParameters { get; set; }

    [JsonPropertyName("retriable")]
    public bool? Retriable { get; set; }
}

/// <summary>The zone types of the 3.0.0 zoneSet schema, in its order.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ZoneType>))]
public enum ZoneType
{
    [JsonStringEnumMemberName("BLOCKED")]
    Blocked,
    [JsonStringEnumMemberName("LINE_GUIDED")]
    LineGuided,
    [JsonStringEnumMemberName("RELEASE")]
    Release,
    [JsonStringEnumMemberName("COORDINATED_REPLANNING")]
    CoordinatedReplanning,
    [JsonStringEnumMemberName("SPEED_LIMIT")]
    SpeedLimit,
    [JsonStringEnumMemberName("ACTION")]
    Action,
    [JsonStringEnumMemberName("PRIORITY")]
    Priority,
    [JsonStringEnumMemberName("PENALTY")]
    Penalty,
    [JsonStringEnumMemberName("DIRECTED")]
    Directed,
    [JsonStringEnumMemberName("BIDIRECTED")]
    Bidirected,
}

/// <summary>RELEASE zone: what the robot does when its release is revoked or expires.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ZoneReleaseLossBehavior>))]
public enum ZoneReleaseLossBehavior
{
    [JsonStringEnumMemberName("STOP")]
    Stop,
    [JsonStringEnumMemberName("CONTINUE")]
    Continue,
    [JsonStringEnumMemberName("EVACUATE")]
    Evacuate,
}

[JsonConverter(typeof(JsonStringEnumConverter<DirectedLimitation>))]
public enum DirectedLimitation
{
    [JsonStringEnumMemberName("SOFT")]
    Soft,
    [JsonStringEnumMemberName("RESTRICTED")]
    Restricted,
    [JsonStringEnumMemberName("STRICT")]
    Strict,
}

[JsonConverter(typeof(JsonStringEnumConverter<BidirectedLimitation>))]
public enum BidirectedLimitation
{
    [JsonStringEnumMemberName("SOFT")]
    Soft,
    [JsonStringEnumMemberName("RESTRICTED")]
    Restricted,
}
