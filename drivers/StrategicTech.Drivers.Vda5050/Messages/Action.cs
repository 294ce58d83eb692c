using System.Text.Json;
using System.Text.Json.Serialization;

namespace StrategicTech.Drivers.Vda5050.Messages;

/// <summary>An action on a node, an edge, or sent as an instant action (e.g. <c>pick</c>, <c>cancelOrder</c>).</summary>
public sealed class Vda5050Action
{
    [JsonPropertyName("actionType")]
    public required string ActionType { get; set; }

    [JsonPropertyName("actionId")]
    public required string ActionId { get; set; }

    [JsonPropertyName("actionDescription")]
    public string? ActionDescription { get; set; }

    [JsonPropertyName("blockingType")]
    public required BlockingType BlockingType { get; set; }

    [JsonPropertyName("actionParameters")]
    public List<ActionParameter>? ActionParameters { get; set; }

    /// <summary>3.0 only: on failure the action reports RETRIABLE and the master may retry or skip it.</summary>
    [JsonIgnore]
    public bool? Retriable { get; set; }
}

/// <summary>Key and value of an action parameter; the value is any JSON (array, boolean, number, string, object).</summary>
public sealed class ActionParameter
{
    [JsonPropertyName("key")]
    public required string Key { get; set; }

    [JsonPropertyName("value")]
    public required JsonElement Value { get; set; }
}
