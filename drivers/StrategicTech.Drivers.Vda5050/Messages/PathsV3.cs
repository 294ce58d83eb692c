using System.Text.Json.Serialization;

namespace StrategicTech.Drivers.Vda5050.Messages;

/// <summary>3.0 <c>plannedPath</c> (state and visualization): the path the robot plans to drive, as a NURBS.</summary>
public sealed class PlannedPath
{
    public required Trajectory Trajectory { get; set; }

    /// <summary>Node ids the planned path passes through.</summary>
    public List<string>? TraversedNodes { get; set; }
}

/// <summary>3.0 <c>intermediatePath</c> (state and visualization): a polyline with the expected arrival at each point.</summary>
public sealed class IntermediatePath
{
    [JsonPropertyName("polyline")]
    public required List<PolylinePoint> Polyline { get; set; }
}

public sealed class PolylinePoint
{
    [JsonPropertyName("x")]
    public required double XM { get; set; }

    [JsonPropertyName("y")]
    public required double YM { get; set; }

    [JsonPropertyName("theta")]
    public double? ThetaRad { get; set; }

    /// <summary>Estimated time of arrival, ISO 8601 UTC.</summary>
    [JsonPropertyName("eta")]
    public required string Eta { get; set; }
}
