using System.Text.Json.Serialization;

namespace StrategicTech.Drivers.Vda5050.Messages;

/// <summary>
/// The 3.0.0 wire form of <see cref="Visualization"/>: every header member and referenceStateHeaderId (the header id
/// of the last state sent) are required; agvPosition became mobileRobotPosition; adds plannedPath and intermediatePath.
/// </summary>
internal sealed class VisualizationWireV3 : Vda5050Message
{
    [JsonPropertyName("referenceStateHeaderId")]
    public required uint ReferenceStateHeaderId { get; set; }

    [JsonPropertyName("plannedPath")]
    public PlannedPathWireV3? PlannedPath { get; set; }

    [JsonPropertyName("intermediatePath")]
    public IntermediatePath? IntermediatePath { get; set; }

    [JsonPropertyName("mobileRobotPosition")]
    public MobileRobotPositionWireV3? MobileRobotPosition { get; set; }

    [JsonPropertyName("velocity")]
    public Velocity? Velocity { get; set; }

    /// <summary>The 3.0 form; throws without <see cref="Visualization.ReferenceStateHeaderId"/>, which 3.0 requires.</summary>
    public static VisualizationWireV3 From(Visualization v) => new()
    {
        HeaderId = v.HeaderId,
        Timestamp = v.Timestamp,
        Version = v.Version,
        Manufacturer = v.Manufacturer,
        SerialNumber = v.SerialNumber,
        ReferenceStateHeaderId = v.ReferenceStateHeaderId
            ?? throw new ArgumentException("a 3.0 visualization needs referenceStateHeaderId (the header id of the last state)", nameof(v)),
        PlannedPath = PlannedPathWireV3.From(v.PlannedPath),
        IntermediatePath = v.IntermediatePath,
        MobileRobotPosition = MobileRobotPositionWireV3.From(v.AgvPosition),
        Velocity = v.Velocity,
    };

    public Visualization ToVisualization() => new()
    {
        HeaderId = HeaderId,
        Timestamp = Timestamp,
        Version = Version,
        Manufacturer = Manufacturer,
        SerialNumber = SerialNumber,
        ReferenceStateHeaderId = ReferenceStateHeaderId,
        PlannedPath = PlannedPathWireV3.To(PlannedPath),
        IntermediatePath = IntermediatePath,
        AgvPosition = MobileRobotPositionWireV3.To(MobileRobotPosition),
        Velocity = Velocity,
    };
}

/// <summary>The 3.0.0 wire form of <see cref="InstantActions"/>: actions in the 3.0 layout, blockingType NONE only, no retriable.</summary>
internal sealed class InstantActionsWireV3 : Vda5050Message
{
    [JsonPropertyName("actions")]
    public required List<ActionWireV3> Actions { get; set; }

    public static InstantActionsWireV3 From(InstantActions a) => new()
    {
        HeaderId = a.HeaderId,
        Timestamp = a.Timestamp,
        Version = a.Version,
        Manufacturer = a.Manufacturer,
        SerialNumber = a.SerialNumber,
        Actions = a.Actions.ConvertAll(InstantFrom),
    };

    /// <summary>retriable belongs to order actions only: the 3.0 instantActions schema has no such member.</summary>
    private static ActionWireV3 InstantFrom(Vda5050Action action)
    {
        ActionWireV3 wire = ActionWireV3.From(action);
        wire.Retriable = null;
        return wire;
    }

    public InstantActions ToInstantActions() => new()
    {
        HeaderId = HeaderId,
        Timestamp = Timestamp,
        Version = Version,
        Manufacturer = Manufacturer,
        SerialNumber = SerialNumber,
        Actions = Actions.ConvertAll(a => a.ToAction()),
    };
}
