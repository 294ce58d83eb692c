using System.Text.Json.Serialization;

namespace StrategicTech.Drivers.Vda5050.Messages;

/// <summary>Topic <c>visualization</c> (AGV → master, QoS 0): position and velocity at a higher rate than state.</summary>
public sealed class Visualization : Vda5050Message
{
    [JsonPropertyName("agvPosition")]
    public AgvPosition? AgvPosition { get; set; }

    [JsonPropertyName("velocity")]
    public Velocity? Velocity { get; set; }

    /// <summary>3.0 (required there): the header id of the last state this AGV sent; the AGV client fills it.</summary>
    [JsonIgnore]
    public uint? ReferenceStateHeaderId { get; set; }

    /// <summary>3.0 only.</summary>
    [JsonIgnore]
    public PlannedPath? PlannedPath { get; set; }

    /// <summary>3.0 only.</summary>
    [JsonIgnore]
    public IntermediatePath? IntermediatePath { get; set; }
}
