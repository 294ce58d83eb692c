using System.Text.Json.Serialization;

namespace StrategicTech.Drivers.Vda5050.Messages;

/// <summary>3.0 <c>state.zoneSets[]</c>: a zone set the robot holds and whether it is active.</summary>
public sealed class ZoneSetState
{
    [JsonPropertyName("zoneSetId")]
    public required string ZoneSetId { get; set; }

    [JsonPropertyName("mapId")]
    public required string MapId { get; set; }

    [JsonPropertyName("zoneSetStatus")]
    public required ZoneSetStatus ZoneSetStatus { get; set; }
}

/// <summary>3.0 <c>state.zoneRequests[]</c>: the robot asks the master for access to a zone or for a replanning.</summary>
public sealed class ZoneRequest
{
    public required string RequestId { get; set; }

    public required ZoneRequestType RequestType { get; set; }

    public required string ZoneId { get; set; }

    public required string ZoneSetId { get; set; }

    public required RequestStatus RequestStatus { get; set; }

    /// <summary>The path the robot wants to drive in the zone (replanning requests).</summary>
    public Trajectory? Trajectory { get; set; }
}

/// <summary>3.0 <c>state.edgeRequests[]</c>: the robot asks the master to release a corridor on an edge.</summary>
public sealed class EdgeRequest
{
    [JsonPropertyName("requestId")]
    public required string RequestId { get; set; }

    [JsonPropertyName("requestType")]
    public required EdgeRequestType RequestType { get; set; }

    [JsonPropertyName("edgeId")]
    public required string EdgeId { get; set; }

    [JsonPropertyName("sequenceId")]
    public required uint SequenceId { get; set; }

    [JsonPropertyName("requestStatus")]
    public required RequestStatus RequestStatus { get; set; }
}

/// <summary>3.0 error description or hint in another language (<c>errorDescriptionTranslations[]</c>).</summary>
public sealed class Translation
{
    [JsonPropertyName("translationKey")]
    public required string TranslationKey { get; set; }

    [JsonPropertyName("translationValue")]
    public required string TranslationValue { get; set; }
}

[JsonConverter(typeof(JsonStringEnumConverter<ZoneSetStatus>))]
public enum ZoneSetStatus
{
    [JsonStringEnumMemberName("ENABLED")]
    Enabled,
    [JsonStringEnumMemberName("DISABLED")]
    Disabled,
}

[JsonConverter(typeof(JsonStringEnumConverter<RequestStatus>))]
public enum RequestStatus
{
    [JsonStringEnumMemberName("REQUESTED")]
    Requested,
    [JsonStringEnumMemberName("GRANTED")]
    Granted,
    [JsonStringEnumMemberName("REVOKED")]
    Revoked,
    [JsonStringEnumMemberName("EXPIRED")]
    Expired,
}

[JsonConverter(typeof(JsonStringEnumConverter<ZoneRequestType>))]
public enum ZoneRequestType
{
    [JsonStringEnumMemberName("ACCESS")]
    Access,
    [JsonStringEnumMemberName("REPLANNING")]
    Replanning,
}

[JsonConverter(typeof(JsonStringEnumConverter<EdgeRequestType>))]
public enum EdgeRequestType
{
    [JsonStringEnumMemberName("CORRIDOR")]
    Corridor,
}
