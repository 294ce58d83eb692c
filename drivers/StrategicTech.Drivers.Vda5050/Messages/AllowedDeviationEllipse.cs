using System.Text.Json.Serialization;

namespace StrategicTech.Drivers.Vda5050.Messages;

/// <summary>
/// 3.0 <c>nodePosition.allowedDeviationXY</c>: an ellipse around the node (semi-axes a along the ellipse's own x, b
/// along its y, rotated by theta in the map frame) instead of the 2.x radius.
/// </summary>
public sealed class AllowedDeviationEllipse
{
    [JsonPropertyName("a")]
    public required double AM { get; set; }

    [JsonPropertyName("b")]
    public required double BM { get; set; }

    [JsonPropertyName("theta")]
    public required double ThetaRad { get; set; }
}
