using System.Text.Json.Serialization;

namespace StrategicTech.Drivers.Vda5050.Messages;

/// <summary>
/// The 3.0.0 wire form of <see cref="Order"/>. 3.0 drops zoneSetId, an edge's startNodeId/endNodeId (an edge joins
/// the nodes whose sequence ids are one below and one above its own), rotationAllowed and mapDescription; renames
/// *Description to *Descriptor, maxSpeed to maximumSpeed, maxHeight to maximumMobileRobotHeight, minHeight to
/// minimumLoadHandlingDeviceHeight, corridorRefPoint to corridorReferencePoint (KINEMATIC_CENTER); makes
/// allowedDeviationXY an ellipse; adds orderDescription, reachOrientationBeforeEntering, corridor release, retriable.
/// </summary>
internal sealed class OrderWireV3 : Vda5050Message
{
    [JsonPropertyName("orderId")]
    public required string OrderId { get; set; }

    [JsonPropertyName("orderUpdateId")]
    public required uint OrderUpdateId { get; set; }

    [JsonPropertyName("orderDescription")]
    public string? OrderDescription { get; set; }

    [JsonPropertyName("nodes")]
    public required List<NodeWireV3> Nodes { get; set; }

    [JsonPropertyName("edges")]
    public required List<EdgeWireV3> Edges { get; set; }

    /// <summary>The 3.0 form; throws when an edge's start/end node ids disagree with the neighbouring sequence ids, which 3.0 cannot carry.</summary>
    public static OrderWireV3 From(Order o)
    {
        var bySequence = o.Nodes.ToDictionary(n => n.SequenceId);
        foreach (Edge e in o.Edges)
        {
            if (!bySequence.TryGetValue(e.SequenceId - 1, out Node? start) || start.NodeId != e.StartNodeId
                || !bySequence.TryGetValue(e.SequenceId + 1, out Node? end) || end.NodeId != e.EndNodeId)
            {
                throw new ArgumentException($"order {o.OrderId}: edge {e.EdgeId} (sequenceId {e.SequenceId}) must join the nodes of sequenceId {e.SequenceId - 1} and {e.SequenceId + 1}; 3.0 has no startNodeId/endNodeId", nameof(o));
            }
        }

        return new OrderWireV3
        {
            HeaderId = o.HeaderId,
            Timestamp = o.Timestamp,
            Version = o.Version,
            Manufacturer = o.Manufacturer,
            SerialNumber = o.SerialNumber,
            OrderId = o.OrderId,
            OrderUpdateId = o.OrderUpdateId,
            OrderDescription = o.OrderDescription,
            Nodes = o.Nodes.ConvertAll(NodeWireV3.From),
            Edges = o.Edges.ConvertAll(EdgeWireV3.From),
        };
    }

    /// <summary>The common form; null with <paramref name="problem"/> when an edge has no node on either side.</summary>
    public Order? ToOrder(out string? problem)
    {
        problem = null;
        var bySequence = new Dictionary<uint, string>();
        foreach (NodeWireV3 n in Nodes)
        {
            if (!bySequence.TryAdd(n.SequenceId, n.NodeId))
            {
                problem = $"nodes: sequenceId {n.SequenceId} appears twice";
                return null;
            }
        }

        var edges = new List<Edge>(Edges.Count);
        foreach (EdgeWireV3 e in Edges)
        {
            if (e.SequenceId == 0 || !bySequence.TryGetValue(e.SequenceId - 1, out string? start) || !bySequence.TryGetValue(e.SequenceId + 1, out string? end))
            {
                problem = $"edges: edge '{e.EdgeId}' (sequenceId {e.SequenceId}) has no node of sequenceId one below and one above it";
                return null;
            }

            edges.Add(e.ToEdge(start, end));
        }

        return new Order
        {
            HeaderId = HeaderId,
            Timestamp = Timestamp,
            Version = Version,
            Manufacturer = Manufacturer,
            SerialNumber = SerialNumber,
            OrderId = OrderId,
            OrderUpdateId = OrderUpdateId,
            OrderDescription = OrderDescription,
            Nodes = Nodes.ConvertAll(n => n.ToNode()),
            Edges = edges,
        };
    }
}

internal sealed class NodeWireV3
{
    [JsonPropertyName("nodeId")]
    public required string NodeId { get; set; }

    [JsonPropertyName("sequenceId")]
    public required uint SequenceId { get; set; }

    [JsonPropertyName("nodeDescriptor")]
    public string? NodeDescriptor { get; set; }

    [JsonPropertyName("released")]
    public required bool Released { get; set; }

    [JsonPropertyName("nodePosition")]
    public NodePositionWireV3? NodePosition { get; set; }

    [JsonPropertyName("actions")]
    public required List<ActionWireV3> Actions { get; set; }

    public static NodeWireV3 From(Node n) => new()
    {
        NodeId = n.NodeId,
        SequenceId = n.SequenceId,
        NodeDescriptor = n.NodeDescription,
        Released = n.Released,
        NodePosition = NodePositionWireV3.From(n.NodePosition),
        Actions = n.Actions.ConvertAll(ActionWireV3.From),
    };

    public Node ToNode() => new()
    {
        NodeId = NodeId,
        SequenceId = SequenceId,
        NodeDescription = NodeDescriptor,
        Released = Released,
        NodePosition = NodePosition?.ToNodePosition(),
        Actions = Actions.ConvertAll(a => a.ToAction()),
    };
}

internal sealed class NodePositionWireV3
{
    [JsonPropertyName("x")]
    public required double X { get; set; }

    [JsonPropertyName("y")]
    public required double Y { get; set; }

    [JsonPropertyName("theta")]
    public double? Theta { get; set; }

    [JsonPropertyName("allowedDeviationXY")]
    public AllowedDeviationEllipse? AllowedDeviationXY { get; set; }

    [JsonPropertyName("allowedDeviationTheta")]
    public double? AllowedDeviationTheta { get; set; }

    [JsonPropertyName("mapId")]
    public required string MapId { get; set; }

    public static NodePositionWireV3? From(NodePosition? p) => p is null ? null : new()
    {
        X = p.XM,
        Y = p.YM,
        Theta = p.ThetaRad,
        AllowedDeviationXY = p.AllowedDeviationEllipse
            ?? (p.AllowedDeviationXyM is double r ? new AllowedDeviationEllipse { AM = r, BM = r, ThetaRad = 0 } : null),
        AllowedDeviationTheta = p.AllowedDeviationThetaRad,
        MapId = p.MapId,
    };

    /// <summary>The radius of the common form is the ellipse's smaller semi-axis: inside it the robot is inside the ellipse.</summary>
    public NodePosition ToNodePosition() => new()
    {
        XM = X,
        YM = Y,
        ThetaRad = Theta,
        AllowedDeviationXyM = AllowedDeviationXY is { } e ? Math.Min(e.AM, e.BM) : null,
        AllowedDeviationEllipse = AllowedDeviationXY,
        AllowedDeviationThetaRad = AllowedDeviationTheta,
        MapId = MapId,
    };
}

internal sealed class EdgeWireV3
{
    [JsonPropertyName("edgeId")]
    public required string EdgeId { get; set; }

    [JsonPropertyName("sequenceId")]
    public required uint SequenceId { get; set; }

    [JsonPropertyName("edgeDescriptor")]
    public string? EdgeDescriptor { get; set; }

    [JsonPropertyName("released")]
    public required bool Released { get; set; }

    [JsonPropertyName("maximumSpeed")]
    public double? MaximumSpeed { get; set; }

    [JsonPropertyName("maximumMobileRobotHeight")]
    public double? MaximumMobileRobotHeight { get; set; }

    [JsonPropertyName("minimumLoadHandlingDeviceHeight")]
    public double? MinimumLoadHandlingDeviceHeight { get; set; }

    [JsonPropertyName("orientation")]
    public double? Orientation { get; set; }

    [JsonPropertyName("orientationType")]
    public string? OrientationType { get; set; }

    [JsonPropertyName("direction")]
    public string? Direction { get; set; }

    [JsonPropertyName("reachOrientationBeforeEntering")]
    public bool? ReachOrientationBeforeEntering { get; set; }

    [JsonPropertyName("maxRotationSpeed")]
    public double? MaxRotationSpeed { get; set; }

    [JsonPropertyName("trajectory")]
    public TrajectoryWireV3? Trajectory { get; set; }

    [JsonPropertyName("length")]
    public double? Length { get; set; }

    [JsonPropertyName("corridor")]
    public CorridorWireV3? Corridor { get; set; }

    [JsonPropertyName("actions")]
    public required List<ActionWireV3> Actions { get; set; }

    public static EdgeWireV3 From(Edge e) => new()
    {
        EdgeId = e.EdgeId,
        SequenceId = e.SequenceId,
        EdgeDescriptor = e.EdgeDescription,
        Released = e.Released,
        MaximumSpeed = e.MaxSpeedMps,
        MaximumMobileRobotHeight = e.MaxHeightM,
        MinimumLoadHandlingDeviceHeight = e.MinHeightM,
        Orientation = e.OrientationRad,
        OrientationType = e.OrientationType,
        Direction = e.Direction,
        ReachOrientationBeforeEntering = e.ReachOrientationBeforeEntering,
        MaxRotationSpeed = e.MaxRotationSpeedRadps,
        Trajectory = TrajectoryWireV3.From(e.Trajectory),
        Length = e.LengthM,
        Corridor = CorridorWireV3.From(e.Corridor),
        Actions = e.Actions.ConvertAll(ActionWireV3.From),
    };

    public Edge ToEdge(string startNodeId, string endNodeId) => new()
    {
        EdgeId = EdgeId,
        SequenceId = SequenceId,
        EdgeDescription = EdgeDescriptor,
        Released = Released,
        StartNodeId = startNodeId,
        EndNodeId = endNodeId,
        MaxSpeedMps = MaximumSpeed,
        MaxHeightM = MaximumMobileRobotHeight,
        MinHeightM = MinimumLoadHandlingDeviceHeight,
        OrientationRad = Orientation,
        OrientationType = OrientationType,
        Direction = Direction,
        ReachOrientationBeforeEntering = ReachOrientationBeforeEntering,
        MaxRotationSpeedRadps = MaxRotationSpeed,
        Trajectory = TrajectoryWireV3.To(Trajectory),
        LengthM = Length,
        Corridor = Corridor?.ToCorridor(),
        Actions = Actions.ConvertAll(a => a.ToAction()),
    };
}

internal sealed class CorridorWireV3
{
    [JsonPropertyName("leftWidth")]
    public required double LeftWidth { get; set; }

    [JsonPropertyName("rightWidth")]
    public required double RightWidth { get; set; }

    [JsonPropertyName("corridorReferencePoint")]
    public CorridorReferencePointV3? CorridorReferencePoint { get; set; }

    [JsonPropertyName("releaseRequired")]
    public bool? ReleaseRequired { get; set; }

    [JsonPropertyName("releaseLossBehavior")]
    public ReleaseLossBehavior? ReleaseLossBehavior { get; set; }

    public static CorridorWireV3? From(Corridor? c) => c is null ? null : new()
    {
        LeftWidth = c.LeftWidthM,
        RightWidth = c.RightWidthM,
        CorridorReferencePoint = c.CorridorRefPoint switch
        {
            null => null,
            CorridorRefPoint.KinematicCenter => CorridorReferencePointV3.KinematicCenter,
            _ => CorridorReferencePointV3.Contour,
        },
        ReleaseRequired = c.ReleaseRequired,
        ReleaseLossBehavior = c.ReleaseLossBehavior,
    };

    public Corridor ToCorridor() => new()
    {
        LeftWidthM = LeftWidth,
        RightWidthM = RightWidth,
        CorridorRefPoint = CorridorReferencePoint switch
        {
            null => null,
            CorridorReferencePointV3.KinematicCenter => Messages.CorridorRefPoint.KinematicCenter,
            _ => Messages.CorridorRefPoint.Contour,
        },
        ReleaseRequired = ReleaseRequired,
        ReleaseLossBehavior = ReleaseLossBehavior,
    };
}

/// <summary>3.0 spelling of the corridor reference point (2.x: KINEMATICCENTER).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CorridorReferencePointV3>))]
internal enum CorridorReferencePointV3
{
    [JsonStringEnumMemberName("KINEMATIC_CENTER")]
    KinematicCenter,
    [JsonStringEnumMemberName("CONTOUR")]
    Contour,
}
