using System.Text.Json.Serialization;

namespace StrategicTech.Drivers.Vda5050.Messages;

/// <summary>Topic <c>order</c> (master → AGV): a graph of nodes and edges, the released part being the base.</summary>
public sealed class Order : Vda5050Message
{
    [JsonPropertyName("orderId")]
    public required string OrderId { get; set; }

    [JsonPropertyName("orderUpdateId")]
    public required uint OrderUpdateId { get; set; }

    /// <summary>2.x only (3.0 removed it).</summary>
    [JsonPropertyName("zoneSetId")]
    public string? ZoneSetId { get; set; }

    /// <summary>3.0 only (sent on 3.0 connections; the 2.x layout has no such member).</summary>
    [JsonIgnore]
    public string? OrderDescription { get; set; }

    [JsonPropertyName("nodes")]
    public required List<Node> Nodes { get; set; }

    [JsonPropertyName("edges")]
    public required List<Edge> Edges { get; set; }
}

public sealed class Node
{
    [JsonPropertyName("nodeId")]
    public required string NodeId { get; set; }

    [JsonPropertyName("sequenceId")]
    public required uint SequenceId { get; set; }

    [JsonPropertyName("nodeDescription")]
    public string? NodeDescription { get; set; }

    [JsonPropertyName("released")]
    public required bool Released { get; set; }

    [JsonPropertyName("nodePosition")]
    public NodePosition? NodePosition { get; set; }

    [JsonPropertyName("actions")]
    public required List<Vda5050Action> Actions { get; set; }
}

public sealed class NodePosition
{
    [JsonPropertyName("x")]
    public required double XM { get; set; }

    [JsonPropertyName("y")]
    public required double YM { get; set; }

    [JsonPropertyName("theta")]
    public double? ThetaRad { get; set; }

    [JsonPropertyName("allowedDeviationXY")]
    public double? AllowedDeviationXyM { get; set; }

    /// <summary>3.0 only: the ellipse form; on 3.0 without it the radius is sent as a circle (a = b).</summary>
    [JsonIgnore]
    public AllowedDeviationEllipse? AllowedDeviationEllipse { get; set; }

    [JsonPropertyName("allowedDeviationTheta")]
    public double? AllowedDeviationThetaRad { get; set; }

    [JsonPropertyName("mapId")]
    public required string MapId { get; set; }

    [JsonPropertyName("mapDescription")]
    public string? MapDescription { get; set; }
}

public sealed class Edge
{
    [JsonPropertyName("edgeId")]
    public required string EdgeId { get; set; }

    [JsonPropertyName("sequenceId")]
    public required uint SequenceId { get; set; }

    [JsonPropertyName("edgeDescription")]
    public string? EdgeDescription { get; set; }

    [JsonPropertyName("released")]
    public required bool Released { get; set; }

    [JsonPropertyName("startNodeId")]
    public required string StartNodeId { get; set; }

    [JsonPropertyName("endNodeId")]
    public required string EndNodeId { get; set; }

    [JsonPropertyName("maxSpeed")]
    public double? MaxSpeedMps { get; set; }

    [JsonPropertyName("maxHeight")]
    public double? MaxHeightM { get; set; }

    [JsonPropertyName("minHeight")]
    public double? MinHeightM { get; set; }

    [JsonPropertyName("orientation")]
    public double? OrientationRad { get; set; }

    /// <summary>GLOBAL or TANGENTIAL.</summary>
    [JsonPropertyName("orientationType")]
    public string? OrientationType { get; set; }

    [JsonPropertyName("direction")]
    public string? Direction { get; set; }

    [JsonPropertyName("rotationAllowed")]
    public bool? RotationAllowed { get; set; }

    /// <summary>3.0 only.</summary>
    [JsonIgnore]
    public bool? ReachOrientationBeforeEntering { get; set; }

    [JsonPropertyName("maxRotationSpeed")]
    public double? MaxRotationSpeedRadps { get; set; }

    [JsonPropertyName("length")]
    public double? LengthM { get; set; }

    [JsonPropertyName("trajectory")]
    public Trajectory? Trajectory { get; set; }

    /// <summary>2.1 and later.</summary>
    [JsonPropertyName("corridor")]
    public Corridor? Corridor { get; set; }

    [JsonPropertyName("actions")]
    public required List<Vda5050Action> Actions { get; set; }
}

/// <summary>NURBS trajectory of an edge.</summary>
public sealed class Trajectory
{
    [JsonPropertyName("degree")]
    public required int Degree { get; set; }

    [JsonPropertyName("knotVector")]
    public required List<double> KnotVector { get; set; }

    [JsonPropertyName("controlPoints")]
    public required List<ControlPoint> ControlPoints { get; set; }
}

public sealed class ControlPoint
{
    [JsonPropertyName("x")]
    public required double XM { get; set; }

    [JsonPropertyName("y")]
    public required double YM { get; set; }

    [JsonPropertyName("weight")]
    public double? Weight { get; set; }
}

public sealed class Corridor
{
    [JsonPropertyName("leftWidth")]
    public required double LeftWidthM { get; set; }

    [JsonPropertyName("rightWidth")]
    public required double RightWidthM { get; set; }

    [JsonPropertyName("corridorRefPoint")]
    public CorridorRefPoint? CorridorRefPoint { get; set; }

    /// <summary>3.0 only: the robot must request the corridor's release (state.edgeRequests) before using it.</summary>
    [JsonIgnore]
    public bool? ReleaseRequired { get; set; }

    /// <summary>3.0 only: what the robot does when the release expires or is revoked (default STOP).</summary>
    [JsonIgnore]
    public ReleaseLossBehavior? ReleaseLossBehavior { get; set; }
}
