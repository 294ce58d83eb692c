using System.Text.Json.Serialization;

namespace StrategicTech.Drivers.Vda5050.Messages;

/// <summary>
/// Topic <c>state</c> (AGV → master, QoS 0): order progress, position, actions, battery, errors, safety. Serialised
/// as is in the 2.x layout; on 3.0 through <see cref="StateWireV3"/> (members marked 3.0 only are sent there alone).
/// </summary>
public sealed class State : Vda5050Message
{
    [JsonPropertyName("maps")]
    public List<MapInfo>? Maps { get; set; }

    [JsonPropertyName("orderId")]
    public required string OrderId { get; set; }

    [JsonPropertyName("orderUpdateId")]
    public required uint OrderUpdateId { get; set; }

    [JsonPropertyName("zoneSetId")]
    public string? ZoneSetId { get; set; }

    [JsonPropertyName("lastNodeId")]
    public required string LastNodeId { get; set; }

    [JsonPropertyName("lastNodeSequenceId")]
    public required uint LastNodeSequenceId { get; set; }

    [JsonPropertyName("driving")]
    public required bool Driving { get; set; }

    [JsonPropertyName("paused")]
    public bool? Paused { get; set; }

    [JsonPropertyName("newBaseRequest")]
    public bool? NewBaseRequest { get; set; }

    [JsonPropertyName("distanceSinceLastNode")]
    public double? DistanceSinceLastNodeM { get; set; }

    [JsonPropertyName("operatingMode")]
    public required OperatingMode OperatingMode { get; set; }

    [JsonPropertyName("nodeStates")]
    public required List<NodeState> NodeStates { get; set; }

    [JsonPropertyName("edgeStates")]
    public required List<EdgeState> EdgeStates { get; set; }

    [JsonPropertyName("agvPosition")]
    public AgvPosition? AgvPosition { get; set; }

    [JsonPropertyName("velocity")]
    public Velocity? Velocity { get; set; }

    [JsonPropertyName("loads")]
    public List<Load>? Loads { get; set; }

    [JsonPropertyName("actionStates")]
    public required List<ActionState> ActionStates { get; set; }

    [JsonPropertyName("batteryState")]
    public required BatteryState BatteryState { get; set; }

    [JsonPropertyName("errors")]
    public required List<Vda5050Error> Errors { get; set; }

    [JsonPropertyName("information")]
    public List<Information>? Information { get; set; }

    [JsonPropertyName("safetyState")]
    public required SafetyState SafetyState { get; set; }

    /// <summary>
    /// 3.0: states of instant actions, reported apart from the order's <see cref="ActionStates"/> (required there;
    /// an empty list when null). The 2.x layout has no such member: a 2.x AGV reports them in actionStates.
    /// </summary>
    [JsonIgnore]
    public List<ActionState>? InstantActionStates { get; set; }

    /// <summary>3.0 only: states of actions that zones triggered.</summary>
    [JsonIgnore]
    public List<ActionState>? ZoneActionStates { get; set; }

    /// <summary>3.0 only.</summary>
    [JsonIgnore]
    public List<ZoneSetState>? ZoneSets { get; set; }

    /// <summary>3.0 only.</summary>
    [JsonIgnore]
    public List<ZoneRequest>? ZoneRequests { get; set; }

    /// <summary>3.0 only.</summary>
    [JsonIgnore]
    public List<EdgeRequest>? EdgeRequests { get; set; }

    /// <summary>3.0 only.</summary>
    [JsonIgnore]
    public PlannedPath? PlannedPath { get; set; }

    /// <summary>3.0 only.</summary>
    [JsonIgnore]
    public IntermediatePath? IntermediatePath { get; set; }
}

public sealed class MapInfo
{
    [JsonPropertyName("mapId")]
    public required string MapId { get; set; }

    [JsonPropertyName("mapVersion")]
    public required string MapVersion { get; set; }

    [JsonPropertyName("mapDescription")]
    public string? MapDescription { get; set; }

    [JsonPropertyName("mapStatus")]
    public required MapStatus MapStatus { get; set; }
}

public sealed class NodeState
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
    public NodeStatePosition? NodePosition { get; set; }
}

public sealed class NodeStatePosition
{
    [JsonPropertyName("x")]
    public required double XM { get; set; }

    [JsonPropertyName("y")]
    public required double YM { get; set; }

    [JsonPropertyName("theta")]
    public double? ThetaRad { get; set; }

    [JsonPropertyName("mapId")]
    public required string MapId { get; set; }
}

public sealed class EdgeState
{
    [JsonPropertyName("edgeId")]
    public required string EdgeId { get; set; }

    [JsonPropertyName("sequenceId")]
    public required uint SequenceId { get; set; }

    [JsonPropertyName("edgeDescription")]
    public string? EdgeDescription { get; set; }

    [JsonPropertyName("released")]
    public required bool Released { get; set; }

    [JsonPropertyName("trajectory")]
    public Trajectory? Trajectory { get; set; }
}

public sealed class AgvPosition
{
    [JsonPropertyName("x")]
    public required double XM { get; set; }

    [JsonPropertyName("y")]
    public required double YM { get; set; }

    [JsonPropertyName("theta")]
    public required double ThetaRad { get; set; }

    [JsonPropertyName("mapId")]
    public required string MapId { get; set; }

    [JsonPropertyName("mapDescription")]
    public string? MapDescription { get; set; }

    [JsonPropertyName("positionInitialized")]
    public required bool PositionInitialized { get; set; }

    [JsonPropertyName("localizationScore")]
    public double? LocalizationScore { get; set; }

    [JsonPropertyName("deviationRange")]
    public double? DeviationRangeM { get; set; }
}

public sealed class Velocity
{
    [JsonPropertyName("vx")]
    public double? VxMps { get; set; }

    [JsonPropertyName("vy")]
    public double? VyMps { get; set; }

    [JsonPropertyName("omega")]
    public double? OmegaRadps { get; set; }
}

public sealed class Load
{
    [JsonPropertyName("loadId")]
    public string? LoadId { get; set; }

    [JsonPropertyName("loadType")]
    public string? LoadType { get; set; }

    [JsonPropertyName("loadPosition")]
    public string? LoadPosition { get; set; }

    [JsonPropertyName("weight")]
    public double? WeightKg { get; set; }
}

public sealed class ActionState
{
    [JsonPropertyName("actionId")]
    public required string ActionId { get; set; }

    [JsonPropertyName("actionType")]
    public string? ActionType { get; set; }

    [JsonPropertyName("actionDescription")]
    public string? ActionDescription { get; set; }

    [JsonPropertyName("actionStatus")]
    public required ActionStatus ActionStatus { get; set; }

    [JsonPropertyName("resultDescription")]
    public string? ResultDescription { get; set; }
}

public sealed class BatteryState
{
    /// <summary>State of charge, percent.</summary>
    [JsonPropertyName("batteryCharge")]
    public required double BatteryChargePercent { get; set; }

    [JsonPropertyName("batteryVoltage")]
    public double? BatteryVoltageV { get; set; }

    [JsonPropertyName("batteryHealth")]
    public double? BatteryHealthPercent { get; set; }

    [JsonPropertyName("charging")]
    public required bool Charging { get; set; }

    [JsonPropertyName("reach")]
    public double? ReachM { get; set; }

    /// <summary>3.0 only (powerSupply.batteryCurrent).</summary>
    [JsonIgnore]
    public double? BatteryCurrentA { get; set; }
}

/// <summary>The VDA 5050 error object (state.errors[]): also how this library reports a rejected message.</summary>
public sealed class Vda5050Error
{
    [JsonPropertyName("errorType")]
    public required string ErrorType { get; set; }

    [JsonPropertyName("errorReferences")]
    public List<ErrorReference>? ErrorReferences { get; set; }

    [JsonPropertyName("errorDescription")]
    public string? ErrorDescription { get; set; }

    [JsonPropertyName("errorHint")]
    public string? ErrorHint { get; set; }

    [JsonPropertyName("errorLevel")]
    public required ErrorLevel ErrorLevel { get; set; }

    /// <summary>3.0 only.</summary>
    [JsonIgnore]
    public List<Translation>? ErrorDescriptionTranslations { get; set; }

    /// <summary>3.0 only.</summary>
    [JsonIgnore]
    public List<Translation>? ErrorHintTranslations { get; set; }
}

public sealed class ErrorReference
{
    [JsonPropertyName("referenceKey")]
    public required string ReferenceKey { get; set; }

    [JsonPropertyName("referenceValue")]
    public required string ReferenceValue { get; set; }
}

public sealed class Information
{
    [JsonPropertyName("infoType")]
    public required string InfoType { get; set; }

    [JsonPropertyName("infoReferences")]
    public List<InfoReference>? InfoReferences { get; set; }

    [JsonPropertyName("infoDescription")]
    public string? InfoDescription { get; set; }

    [JsonPropertyName("infoLevel")]
    public required InfoLevel InfoLevel { get; set; }
}

public sealed class InfoReference
{
    [JsonPropertyName("referenceKey")]
    public required string ReferenceKey { get; set; }

    [JsonPropertyName("referenceValue")]
    public required string ReferenceValue { get; set; }
}

public sealed class SafetyState
{
    [JsonPropertyName("eStop")]
    public required EStop EStop { get; set; }

    [JsonPropertyName("fieldViolation")]
    public required bool FieldViolation { get; set; }
}
