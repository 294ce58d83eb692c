using System.Text.Json.Serialization;

namespace StrategicTech.Drivers.Vda5050.Messages;

/// <summary>
/// The header every VDA 5050 message carries. The sending client stamps it (<see cref="HeaderId"/> counts up per
/// topic, <see cref="Timestamp"/> is ISO 8601 UTC, <see cref="Version"/> is the connection's protocol version).
/// </summary>
public abstract class Vda5050Message
{
    [JsonPropertyName("headerId")]
    public required uint HeaderId { get; set; }

    [JsonPropertyName("timestamp")]
    public required string Timestamp { get; set; }

    [JsonPropertyName("version")]
    public required string Version { get; set; }

    [JsonPropertyName("manufacturer")]
    public required string Manufacturer { get; set; }

    [JsonPropertyName("serialNumber")]
    public required string SerialNumber { get; set; }
}
