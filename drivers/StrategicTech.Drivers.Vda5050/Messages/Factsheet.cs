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

public sealed class ProtocolFeatures
{
    [JsonPropertyName("optionalParameters")]
    public required List<OptionalParameter> OptionalParameters { get; set; }

    [JsonPropertyName("agvActions")]
    public required List<AgvActionDescription> AgvActions { get; set; }
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

public sealed class LoadSpecification
{
    [JsonPropertyName("loadPositions")]
    public List<string>? LoadPositions { get; set; }

    [JsonPropertyName("loadSets")]
    public List<LoadSet>? LoadSets { get; set; }
}

/// <summary>Series, kinematics (DIFF, OMNI, THREEWHEEL), class (FORKLIFT, CONVEYOR, TUGGER, CARRIER), load, localization and navigation types.</summary>
public sealed class TypeSpecification : TypeSpecificationBase
{
    [JsonPropertyName("agvKinematic")]
    public required string AgvKinematic { get; set; }

    [JsonPropertyName("agvClass")]
    public required string AgvClass { get; set; }

    [JsonPropertyName("maxLoadMass")]
    public required double MaxLoadMassKg { get; set; }
}

/// <summary>Intervals in seconds.</summary>
public sealed class ProtocolTiming : ProtocolTimingBase
{
    [JsonPropertyName("minOrderInterval")]
    public required double MinOrderIntervalS { get; set; }

    [JsonPropertyName("minStateInterval")]
    public required double MinStateIntervalS { get; set; }
}

/// <summary>Largest arrays the vehicle accepts or sends; the schema's member names contain dots.</summary>
public sealed class MaxArrayLengths : MaxArrayLengthsBase
{
    [JsonPropertyName("trajectory.knotVector")]
    public int? TrajectoryKnotVector { get; set; }

    [JsonPropertyName("trajectory.controlPoints")]
    public int? TrajectoryControlPoints { get; set; }

    [JsonPropertyName("error.errorReferences")]
    public int? ErrorReferences { get; set; }

    [JsonPropertyName("information.infoReferences")]
    public int? InfoReferences { get; set; }
}

/// <summary>An action the vehicle can do, where (INSTANT, NODE, EDGE) and with which parameters.</summary>
public sealed class AgvActionDescription : ActionDescriptionBase
{
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

public sealed class AgvGeometry : GeometryBase
{
    [JsonPropertyName("envelopes2d")]
    public List<Envelope2d>? Envelopes2d { get; set; }
}

/// <summary>A kind of load the vehicle carries: dimensions (m), weight (kg), handling times (s).</summary>
public sealed class LoadSet : LoadSetBase
{
    [JsonPropertyName("maxWeight")]
    public double? MaxWeightKg { get; set; }

    [JsonPropertyName("agvSpeedLimit")]
    public double? AgvSpeedLimitMps { get; set; }
}

/// <summary>2.x vehicleConfig: the versions only (3.0 adds battery charging in mobileRobotConfiguration).</summary>
public sealed class VehicleConfig : ConfigurationBase;
