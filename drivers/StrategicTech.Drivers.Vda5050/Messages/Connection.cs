using System.Text.Json.Serialization;

namespace StrategicTech.Drivers.Vda5050.Messages;

/// <summary>Topic <c>connection</c> (AGV → master, QoS 1, retained; the broker publishes the last will CONNECTIONBROKEN).</summary>
public sealed class Connection : Vda5050Message
{
    [JsonPropertyName("connectionState")]
    public required ConnectionState ConnectionState { get; set; }
}
