using System.Text.Json.Serialization;

namespace StrategicTech.Drivers.Vda5050.Messages;

// The factsheet sub-objects and members the 2.x and 3.0.0 layouts share (same JSON names, same meaning). Factsheet.cs
// holds what only 2.x names so, FactsheetV3.cs what only 3.0 names so; each version-specific class derives from its
// shared base here, so a shared member is declared once.

/// <summary>Series and localization/navigation types: the members of typeSpecification both layouts share. Base of <see cref="TypeSpecification"/> and <see cref="TypeSpecificationV3"/>.</summary>
public abstract class TypeSpecificationBase
{
    [JsonPropertyName("seriesName")]
    public required string SeriesName { get; set; }

    [JsonPropertyName("seriesDescription")]
    public string? SeriesDescription { get; set; }

    [JsonPropertyName("localizationTypes")]
    public required List<string> LocalizationTypes { get; set; }

    /// <summary>2.x: PHYSICAL_LINE_GUIDED, VIRTUAL_LINE_GUIDED, AUTONOMOUS (3.0 calls the last FREELY_NAVIGATING).</summary>
    [JsonPropertyName("navigationTypes")]
    public required List<string> NavigationTypes { get; set; }
}

/// <summary>Intervals in seconds both layouts name alike. Base of <see cref="ProtocolTiming"/> and <see cref="ProtocolTimingV3"/>.</summary>
public abstract class ProtocolTimingBase
{
    [JsonPropertyName("defaultStateInterval")]
    public double? DefaultStateIntervalS { get; set; }

    [JsonPropertyName("visualizationInterval")]
    public double? VisualizationIntervalS { get; set; }
}

/// <summary>Largest arrays the vehicle accepts or sends, as both layouts name them; the schema's member names contain dots. Base of <see cref="MaxArrayLengths"/> and <see cref="MaxArrayLengthsV3"/>.</summary>
public abstract class MaxArrayLengthsBase
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
}

/// <summary>An action the vehicle can do, where (INSTANT, NODE, EDGE; 3.0 also ZONE) and with which parameters. Base of <see cref="AgvActionDescription"/> and <see cref="MobileRobotActionDescription"/>.</summary>
public abstract class ActionDescriptionBase
{
    [JsonPropertyName("actionType")]
    public required string ActionType { get; set; }

    [JsonPropertyName("actionDescription")]
    public string? ActionDescription { get; set; }

    [JsonPropertyName("actionScopes")]
    public required List<string> ActionScopes { get; set; }

    [JsonPropertyName("actionParameters")]
    public List<ActionParameterDescription>? ActionParameters { get; set; }
}

/// <summary>Wheels, alike in both layouts. Base of <see cref="AgvGeometry"/> and <see cref="MobileRobotGeometry"/>.</summary>
public abstract class GeometryBase
{
    [JsonPropertyName("wheelDefinitions")]
    public List<WheelDefinition>? WheelDefinitions { get; set; }
}

/// <summary>A kind of load the vehicle carries: the members both layouts share (dimensions m, handling times s). Base of <see cref="LoadSet"/> and <see cref="LoadSetV3"/>.</summary>
public abstract class LoadSetBase
{
    [JsonPropertyName("setName")]
    public required string SetName { get; set; }

    [JsonPropertyName("loadType")]
    public required string LoadType { get; set; }

    [JsonPropertyName("loadPositions")]
    public List<string>? LoadPositions { get; set; }

    [JsonPropertyName("loadDimensions")]
    public LoadDimensions? LoadDimensions { get; set; }

    [JsonPropertyName("pickTime")]
    public double? PickTimeS { get; set; }

    [JsonPropertyName("dropTime")]
    public double? DropTimeS { get; set; }

    [JsonPropertyName("description")]
    public string? Description { get; set; }
}

/// <summary>Software and hardware versions (2.x vehicleConfig, 3.0 mobileRobotConfiguration). Base of <see cref="VehicleConfig"/> and <see cref="MobileRobotConfiguration"/>.</summary>
public abstract class ConfigurationBase
{
    [JsonPropertyName("versions")]
    public List<VersionEntry>? Versions { get; set; }
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

public sealed class PolygonPoint
{
    [JsonPropertyName("x")]
    public required double XM { get; set; }

    [JsonPropertyName("y")]
    public required double YM { get; set; }
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

/// <summary>A software or hardware version of the vehicle ("autonomy" = "1.0").</summary>
public sealed class VersionEntry
{
    [JsonPropertyName("key")]
    public required string Key { get; set; }

    [JsonPropertyName("value")]
    public required string Value { get; set; }
}
