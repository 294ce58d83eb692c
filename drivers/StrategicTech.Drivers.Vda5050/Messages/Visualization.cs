using System.Text.Json.Serialization;

namespace StrategicTech.Drivers.Vda5050.Messages;

/// <summary>Topic <c>visualization</c> (AGV → master, QoS 0): position and velocity at a higher rate than state.</summary>
public sealed class Visualization : Vda5050Message
{
    [JsonPropertyName("agvPosition")]
    public AgvPosition? AgvPosition { get; set; }

    [JsonPropertyName("velocity")]
    public Velocity? Velocity { get; set; }
}
