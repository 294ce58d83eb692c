using System.Text.Json.Serialization;

namespace StrategicTech.Drivers.Vda5050.Messages;

/// <summary>3.0 action (order nodes/edges and instant actions): actionDescription became actionDescriptor; adds retriable and blockingType SINGLE.</summary>
internal sealed class ActionWireV3
{
    [JsonPropertyName("actionType")]
    public required string ActionType { get; set; }

    [JsonPropertyName("actionId")]
    public required string ActionId { get; set; }

    [JsonPropertyName("actionDescriptor")]
    public string? ActionDescriptor { get; set; }

    [JsonPropertyName("blockingType")]
    public required BlockingType BlockingType { get; set; }

    [JsonPropertyName("actionParameters")]
    public List<ActionParameter>? ActionParameters { get; set; }

    [JsonPropertyName("retriable")]
    public bool? Retriable { get; set; }

    public static ActionWireV3 From(Vda5050Action a) => new()
    {
        ActionType = a.ActionType,
        ActionId = a.ActionId,
        ActionDescriptor = a.ActionDescription,
        BlockingType = a.BlockingType,
        ActionParameters = a.ActionParameters,
        Retriable = a.Retriable,
    };

    public Vda5050Action ToAction() => new()
    {
        ActionType = ActionType,
        ActionId = ActionId,
        ActionDescription = ActionDescriptor,
        BlockingType = BlockingType,
        ActionParameters = ActionParameters,
        Retriable = Retriable,
    };
}

/// <summary>3.0 NURBS: degree (default 1) and knotVector became optional. An absent knot vector maps to an empty list.</summary>
internal sealed class TrajectoryWireV3
{
    [JsonPropertyName("degree")]
    public int? Degree { get; set; }

    [JsonPropertyName("knotVector")]
    public List<double>? KnotVector { get; set; }

    [JsonPropertyName("controlPoints")]
    public required List<ControlPoint> ControlPoints { get; set; }

    public static TrajectoryWireV3? From(Trajectory? t) => t is null ? null : new()
    {
        Degree = t.Degree,
        KnotVector = t.KnotVector.Count == 0 ? null : t.KnotVector,
        ControlPoints = t.ControlPoints,
    };

    public static Trajectory? To(TrajectoryWireV3? t) => t is null ? null : new()
    {
        Degree = t.Degree ?? 1, // the 3.0 schema: "If not defined, the default value is 1."
        KnotVector = t.KnotVector ?? [],
        ControlPoints = t.ControlPoints,
    };
}

/// <summary>3.0 plannedPath: the trajectory (3.0 form) and the nodes it passes.</summary>
internal sealed class PlannedPathWireV3
{
    [JsonPropertyName("trajectory")]
    public required TrajectoryWireV3 Trajectory { get; set; }

    [JsonPropertyName("traversedNodes")]
    public List<string>? TraversedNodes { get; set; }

    public static PlannedPathWireV3? From(PlannedPath? p) => p is null ? null : new()
    {
        Trajectory = TrajectoryWireV3.From(p.Trajectory)!,
        TraversedNodes = p.TraversedNodes,
    };

    public static PlannedPath? To(PlannedPathWireV3? p) => p is null ? null : new()
    {
        Trajectory = TrajectoryWireV3.To(p.Trajectory)!,
        TraversedNodes = p.TraversedNodes,
    };
}

/// <summary>3.0 mobileRobotPosition (2.x agvPosition): positionInitialized became localized; mapDescription is gone.</summary>
internal sealed class MobileRobotPositionWireV3
{
    [JsonPropertyName("x")]
    public required double X { get; set; }

    [JsonPropertyName("y")]
    public required double Y { get; set; }

    [JsonPropertyName("theta")]
    public required double Theta { get; set; }

    [JsonPropertyName("mapId")]
    public required string MapId { get; set; }

    [JsonPropertyName("localized")]
    public required bool Localized { get; set; }

    [JsonPropertyName("localizationScore")]
    public double? LocalizationScore { get; set; }

    [JsonPropertyName("deviationRange")]
    public double? DeviationRange { get; set; }

    public static MobileRobotPositionWireV3? From(AgvPosition? p) => p is null ? null : new()
    {
        X = p.XM,
        Y = p.YM,
        Theta = p.ThetaRad,
        MapId = p.MapId,
        Localized = p.PositionInitialized,
        LocalizationScore = p.LocalizationScore,
        DeviationRange = p.DeviationRangeM,
    };

    public static AgvPosition? To(MobileRobotPositionWireV3? p) => p is null ? null : new()
    {
        XM = p.X,
        YM = p.Y,
        ThetaRad = p.Theta,
        MapId = p.MapId,
        PositionInitialized = p.Localized,
        LocalizationScore = p.LocalizationScore,
        DeviationRangeM = p.DeviationRange,
    };
}
