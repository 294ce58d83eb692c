using System.Text.Json.Serialization;

namespace StrategicTech.Drivers.Vda5050.Messages;

/// <summary>
/// Topic <c>factsheet</c> in the 2.x layout (AGV → master, QoS 0): what the vehicle is and what of the protocol it
/// supports. Sent on connect and on the instant action <c>factsheetRequest</c>. On a 3.0 connection the same content
/// goes out as <see cref="FactsheetV3"/> (renamed members, 3.0 additions).
/// </summary>
public sealed class Factsheet : Vda5050Message
{
    [JsonPropertyName("typeSpecification")]
    public required TypeSpecification TypeSpecification { get; set; }

    [JsonPropertyName("physicalParameters")]
    public required PhysicalParameters PhysicalParameters { get; set; }

    [JsonPropertyName("protocolLimits")]
    public required ProtocolLimits ProtocolLimits { get; set; }

    [JsonPropertyName("protocolFeatures")]
    public required ProtocolFeatures ProtocolFeatures { get; set; }

    [JsonPropertyName("agvGeometry")]
    public required AgvGeometry AgvGeometry { get; set; }

    [JsonPropertyName("loadSpecification")]
    public required LoadSpecification LoadSpecification { get; set; }

    [JsonPropertyName("vehicleConfig")]
    public VehicleConfig? VehicleConfig { get; set; }

    /// <summary>What only a 3.0 factsheet carries; not written in the 2.x layout.</summary>
    [JsonIgnore]
    public FactsheetV3Additions? V3Additions { get; set; }
}

/// <summary>Series, kinematics (DIFF, OMNI, THREEWHEEL), class (FORKLIFT, CONVEYOR, TUGGER, CARRIER), load, localization and navigation types.</summary>
public sealed class TypeSpecification
{
    [JsonPropertyName("seriesName")]
    public required string SeriesName { get; set; }

    [JsonPropertyName("seriesDescription")]
    public string? SeriesDescription { get; set; }

    [JsonPropertyName("agvKinematic")]
    public required string AgvKinematic { get; set; }

    [JsonPropertyName("agvClass")]
    public required string AgvClass { get; set; }

    [JsonPropertyName("maxLoadMass")]
    public required double MaxLoadMassKg { get; set; }

    [JsonPropertyName("localizationTypes")]
    public required List<string> LocalizationTypes { get; set; }

    /// <summary>2.x: PHYSICAL_LINE_GUIDED, VIRTUAL_LINE_GUIDED, AUTONOMOUS (3.0 calls the last FREELY_NAVIGATING).</summary>
    [JsonPropertyName("navigationTypes")]
    public required List<string> NavigationTypes { get; set; }
}

/// <summary>Speeds (m/s), accelerations (m/s²) and outer dimensions (m).</summary>
public sealed class PhysicalParameters
{
    [JsonPropertyName("speedMin")]
    public required double SpeedMinMps { get; set; }

    [JsonPropertyName("speedMax")]
    public required double SpeedMaxMps { get; set; }

    [JsonPropertyName("accelerationMax")]
    public required double AccelerationMaxMps2 { get; set; }

    [JsonPropertyName("decelerationMax")]
    public required double DecelerationMaxMps2 { get; set; }

    [JsonPropertyName("heightMin")]
    public double? HeightMinM { get; set; }

    [JsonPropertyName("heightMax")]
    public required double HeightMaxM { get; set; }

    [JsonPropertyName("width")]
    public required double WidthM { get; set; }

    [JsonPropertyName("length")]
    public required double LengthM { get; set; }
}

public sealed class ProtocolLimits
{
    [JsonPropertyName("maxStringLens")]
    public required MaxStringLengths MaxStringLens { get; set; }

    [JsonPropertyName("maxArrayLens")]
    public required MaxArrayLengths MaxArrayLens { get; set; }

    [JsonPropertyName("timing")]
    public required ProtocolTiming Timing { get; set; }
}

public sealed class MaxStringLengths
{
    [JsonPropertyName("msgLen")]
    public int? MsgLen { get; set; }

    [JsonPropertyName("topicSerialLen")]
    public int? TopicSerialLen { get; set; }

    [JsonPropertyName("topicElemLen")]
    public int? TopicElemLen { get; set; }

    [JsonPropertyName("idLen")]
    public int? IdLen { get; set; }

    [JsonPropertyName("idNumericalOnly")]
    public bool? IdNumericalOnly { get; set; }

    [JsonPropertyName("enumLen")]
    public int? EnumLen { get; set; }

    [JsonPropertyName("loadIdLen")]
    public int? LoadIdLen { get; set; }
}

/// <summary>Largest arrays the vehicle accepts or sends; the schema's member names contain dots.</summary>
public sealed class MaxArrayLengths
{
    [JsonPropertyName("order.nodes")]
    public int? OrderNodes { get; set; }

    [JsonPropertyName("order.edges")]
    public int? OrderEdges { get; set; }

    [JsonPropertyName("node.actions")]
    public int? NodeActions { get; set; }

    [JsonPropertyName("edge.actions")]
    public int? EdgeActions { get; set; }

    [JsonPropertyName("actions.actionsParameters")]
    public int? ActionsParameters { get; set; }

    [JsonPropertyName("instantActions")]
    public int? InstantActions { get; set; }

    [JsonPropertyName("trajectory.knotVector")]
    public int? TrajectoryKnotVector { get; set; }

    [JsonPropertyName("trajectory.controlPoints")]
    public int? TrajectoryControlPoints { get; set; }

    [JsonPropertyName("state.nodeStates")]
    public int? StateNodeStates { get; set; }

    [JsonPropertyName("state.edgeStates")]
    public int? StateEdgeStates { get; set; }

    [JsonPropertyName("state.loads")]
    public int? StateLoads { get; set; }

    [JsonPropertyName("state.actionStates")]
    public int? StateActionStates { get; set; }

    [JsonPropertyName("state.errors")]
    public int? StateErrors { get; set; }

    [JsonPropertyName("state.information")]
    public int? StateInformation { get; set; }

    [JsonPropertyName("error.errorReferences")]
    public int? ErrorReferences { get; set; }

    [JsonPropertyName("information.infoReferences")]
    public int? InfoReferences { get; set; }
}

/// <summary>Intervals in seconds.</summary>
public sealed class ProtocolTiming
{
    [JsonPropertyName("minOrderInterval")]
    public required double MinOrderIntervalS { get; set; }

    [JsonPropertyName("minStateInterval")]
    public required double MinStateIntervalS { get; set; }

    [JsonPropertyName("defaultStateInterval")]
    public double? DefaultStateIntervalS { get; set; }

    [JsonPropertyName("visualizationInterval")]
    public double? VisualizationIntervalS { get; set; }
}

public sealed class ProtocolFeatures
{
    [JsonPropertyName("optionalParameters")]
    public required List<OptionalParameter> OptionalParameters { get; set; }

    [JsonPropertyName("agvActions")]
    public required List<AgvActionDescription> AgvActions { get; set; }
}

/// <summary>An optional protocol field the vehicle supports or requires ("order.nodes.nodePosition.allowedDeviationTheta").</summary>
public sealed class OptionalParameter
{
    [JsonPropertyName("parameter")]
    public required string Parameter { get; set; }

    /// <summary>SUPPORTED or REQUIRED.</summary>
    [JsonPropertyName("support")]
    public required string Support { get; set; }

    [JsonPropertyName("description")]
    public string? Description { get; set; }
}

/// <summary>An action the vehicle can do, where (INSTANT, NODE, EDGE) and with which parameters.</summary>
public sealed class AgvActionDescription
{
    [JsonPropertyName("actionType")]
    public required string ActionType { get; set; }

    [JsonPropertyName("actionDescription")]
    public string? ActionDescription { get; set; }

    [JsonPropertyName("actionScopes")]
    public required List<string> ActionScopes { get; set; }

    [JsonPropertyName("actionParameters")]
    public List<ActionParameterDescription>? ActionParameters { get; set; }

    [JsonPropertyName("resultDescription")]
    public string? ResultDescription { get; set; }

    /// <summary>
    /// NONE, SOFT, HARD. Written only in the 3.0 layout: the 2.1.0 schema puts the enum on the array itself, so no
    /// array value can validate there, and the member is optional.
    /// </summary>
    [JsonIgnore]
    public List<string>? BlockingTypes { get; set; }

    /// <summary>3.0: whether the action may be paused (2.x has no such member).</summary>
    [JsonIgnore]
    public bool PauseAllowed { get; set; }

    /// <summary>3.0: whether the action may be cancelled.</summary>
    [JsonIgnore]
    public bool CancelAllowed { get; set; }
}

public sealed class ActionParameterDescription
{
    [JsonPropertyName("key")]
    public required string Key { get; set; }

    /// <summary>BOOL, NUMBER, INTEGER, FLOAT (2.x only), STRING, OBJECT, ARRAY.</summary>
    [JsonPropertyName("valueDataType")]
    public required string ValueDataType { get; set; }

    [JsonPropertyName("description")]
    public string? Description { get; set; }

    [JsonPropertyName("isOptional")]
    public bool? IsOptional { get; set; }
}

public sealed class AgvGeometry
{
    [JsonPropertyName("wheelDefinitions")]
    public List<WheelDefinition>? WheelDefinitions { get; set; }

    [JsonPropertyName("envelopes2d")]
    public List<Envelope2d>? Envelopes2d { get; set; }
}

/// <summary>A wheel in the vehicle frame (m, rad); type DRIVE, CASTER, FIXED or MECANUM.</summary>
public sealed class WheelDefinition
{
    [JsonPropertyName("type")]
    public required string Type { get; set; }

    [JsonPropertyName("isActiveDriven")]
    public required bool IsActiveDriven { get; set; }

    [JsonPropertyName("isActiveSteered")]
    public required bool IsActiveSteered { get; set; }

    [JsonPropertyName("position")]
    public required WheelPosition Position { get; set; }

    [JsonPropertyName("diameter")]
    public required double DiameterM { get; set; }

    [JsonPropertyName("width")]
    public required double WidthM { get; set; }

    [JsonPropertyName("centerDisplacement")]
    public double? CenterDisplacementM { get; set; }

    [JsonPropertyName("constraints")]
    public string? Constraints { get; set; }
}

public sealed class WheelPosition
{
    [JsonPropertyName("x")]
    public required double XM { get; set; }

    [JsonPropertyName("y")]
    public required double YM { get; set; }

    [JsonPropertyName("theta")]
    public double? ThetaRad { get; set; }
}

/// <summary>A 2-D outline of the vehicle (with or without load) in the vehicle frame, metres.</summary>
public sealed class Envelope2d
{
    [JsonPropertyName("set")]
    public required string Set { get; set; }

    [JsonPropertyName("polygonPoints")]
    public required List<PolygonPoint> PolygonPoints { get; set; }

    [JsonPropertyName("description")]
    public string? Description { get; set; }
}

public sealed class PolygonPoint
{
    [JsonPropertyName("x")]
    public required double XM { get; set; }

    [JsonPropertyName("y")]
    public required double YM { get; set; }
}

public sealed class LoadSpecification
{
    [JsonPropertyName("loadPositions")]
    public List<string>? LoadPositions { get; set; }

    [JsonPropertyName("loadSets")]
    public List<LoadSet>? LoadSets { get; set; }
}

/// <summary>A kind of load the vehicle carries: dimensions (m), weight (kg), handling times (s).</summary>
public sealed class LoadSet
{
    [JsonPropertyName("setName")]
    public required string SetName { get; set; }

    [JsonPropertyName("loadType")]
    public required string LoadType { get; set; }

    [JsonPropertyName("loadPositions")]
    public List<string>? LoadPositions { get; set; }

    [JsonPropertyName("loadDimensions")]
    public LoadDimensions? LoadDimensions { get; set; }

    [JsonPropertyName("maxWeight")]
    public double? MaxWeightKg { get; set; }

    [JsonPropertyName("agvSpeedLimit")]
    public double? AgvSpeedLimitMps { get; set; }

    [JsonPropertyName("pickTime")]
    public double? PickTimeS { get; set; }

    [JsonPropertyName("dropTime")]
    public double? DropTimeS { get; set; }

    [JsonPropertyName("description")]
    public string? Description { get; set; }
}

public sealed class VehicleConfig
{
    [JsonPropertyName("versions")]
    public List<VersionEntry>? Versions { get; set; }
}

/// <summary>A software or hardware version of the vehicle ("autonomy" = "1.0").</summary>
public sealed class VersionEntry
{
    [JsonPropertyName("key")]
    public required string Key { get; set; }

    [JsonPropertyName("value")]
    public required string Value { get; set; }
}

public sealed class LoadDimensions
{
    [JsonPropertyName("length")]
    public required double LengthM { get; set; }

    [JsonPropertyName("width")]
    public required double WidthM { get; set; }

    [JsonPropertyName("height")]
    public double? HeightM { get; set; }
}
