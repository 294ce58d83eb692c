using System.Text.Json.Serialization;

namespace StrategicTech.Drivers.Vda5050.Messages;

/// <summary>Topic <c>instantActions</c> (master → AGV): actions to run at once (cancelOrder, startPause, stateRequest, …).</summary>
public sealed class InstantActions : Vda5050Message
{
    [JsonPropertyName("actions")]
    public required List<Vda5050Action> Actions { get; set; }
}
