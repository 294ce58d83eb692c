using System.Text.Json.Serialization;

namespace StrategicTech.Drivers.Vda5050.Messages;

/// <summary>
/// Topic <c>responses</c> (3.0 only, master → AGV): the master's answers to the zone and edge requests an AGV reports
/// in state (zoneRequests, edgeRequests), by request id.
/// </summary>
public sealed class Responses : Vda5050Message
{
    [JsonPropertyName("responses")]
    public required List<RequestResponse> Items { get; set; }
}

public sealed class RequestResponse
{
    [JsonPropertyName("requestId")]
    public required string RequestId { get; set; }

    [JsonPropertyName("grantType")]
    public required GrantType GrantType { get; set; }

    /// <summary>Until when a grant holds, ISO 8601 UTC; none: until revoked.</summary>
    [JsonPropertyName("leaseExpiry")]
    public string? LeaseExpiry { get; set; }
}

[JsonConverter(typeof(JsonStringEnumConverter<GrantType>))]
public enum GrantType
{
    [JsonStringEnumMemberName("GRANTED")]
    Granted,
    [JsonStringEnumMemberName("QUEUED")]
    Queued,
    [JsonStringEnumMemberName("REVOKED")]
    Revoked,
    [JsonStringEnumMemberName("REJECTED")]
    Rejected,
}
