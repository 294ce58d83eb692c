using System.Text.Json.Serialization;

namespace StrategicTech.Drivers.Vda5050.Messages;

/// <summary>
/// The 3.0.0 wire form of <see cref="State"/>. 3.0 replaces agvPosition by mobileRobotPosition and batteryState by
/// powerSupply, reports instant actions apart (instantActionStates, required), renames eStop to activeEmergencyStop
/// (no AUTOACK), TEACHIN to TEACH_IN, *Description to *Descriptor and resultDescription to actionResult; drops
/// zoneSetId; adds zoneSets, plannedPath, intermediatePath, zone and edge requests, zoneActionStates, error
/// translations, and the values STARTUP/INTERVENED, PAUSED/RETRIABLE, URGENT/CRITICAL.
/// </summary>
internal sealed class StateWireV3 : Vda5050Message
{
    [JsonPropertyName("maps")]
    public List<MapWireV3>? Maps { get; set; }

    [JsonPropertyName("zoneSets")]
    public List<ZoneSetState>? ZoneSets { get; set; }

    [JsonPropertyName("orderId")]
    public required string OrderId { get; set; }

    [JsonPropertyName("orderUpdateId")]
    public required uint OrderUpdateId { get; set; }

    [JsonPropertyName("lastNodeId")]
    public required string LastNodeId { get; set; }

    [JsonPropertyName("lastNodeSequenceId")]
    public required uint LastNodeSequenceId { get; set; }

    [JsonPropertyName("nodeStates")]
    public required List<NodeStateWireV3> NodeStates { get; set; }

    [JsonPropertyName("edgeStates")]
    public required List<EdgeStateWireV3> EdgeStates { get; set; }

    [JsonPropertyName("plannedPath")]
    public PlannedPathWireV3? PlannedPath { get; set; }

    [JsonPropertyName("intermediatePath")]
    public IntermediatePath? IntermediatePath { get; set; }

    [JsonPropertyName("mobileRobotPosition")]
    public MobileRobotPositionWireV3? MobileRobotPosition { get; set; }

    [JsonPropertyName("velocity")]
    public Velocity? Velocity { get; set; }

    [JsonPropertyName("loads")]
    public List<Load>? Loads { get; set; }

    [JsonPropertyName("driving")]
    public required bool Driving { get; set; }

    [JsonPropertyName("paused")]
    public bool? Paused { get; set; }

    [JsonPropertyName("newBaseRequest")]
    public bool? NewBaseRequest { get; set; }

    [JsonPropertyName("zoneRequests")]
    public List<ZoneRequestWireV3>? ZoneRequests { get; set; }

    [JsonPropertyName("edgeRequests")]
    public List<EdgeRequest>? EdgeRequests { get; set; }

    [JsonPropertyName("distanceSinceLastNode")]
    public double? DistanceSinceLastNode { get; set; }

    [JsonPropertyName("actionStates")]
    public required List<ActionStateWireV3> ActionStates { get; set; }

    [JsonPropertyName("instantActionStates")]
    public required List<ActionStateWireV3> InstantActionStates { get; set; }

    [JsonPropertyName("zoneActionStates")]
    public List<ActionStateWireV3>? ZoneActionStates { get; set; }

    [JsonPropertyName("powerSupply")]
    public required PowerSupplyWireV3 PowerSupply { get; set; }

    [JsonPropertyName("operatingMode")]
    public required OperatingModeV3 OperatingMode { get; set; }

    [JsonPropertyName("errors")]
    public required List<ErrorWireV3> Errors { get; set; }

    [JsonPropertyName("information")]
    public List<InfoWireV3>? Information { get; set; }

    [JsonPropertyName("safetyState")]
    public required SafetyStateWireV3 SafetyState { get; set; }

    /// <summary>The 3.0 form; throws for the 2.x-only e-stop AUTOACK, which 3.0 cannot carry.</summary>
    public static StateWireV3 From(State s) => new()
    {
        HeaderId = s.HeaderId,
        Timestamp = s.Timestamp,
        Version = s.Version,
        Manufacturer = s.Manufacturer,
        SerialNumber = s.SerialNumber,
        Maps = s.Maps?.ConvertAll(MapWireV3.From),
        ZoneSets = s.ZoneSets,
        OrderId = s.OrderId,
        OrderUpdateId = s.OrderUpdateId,
        LastNodeId = s.LastNodeId,
        LastNodeSequenceId = s.LastNodeSequenceId,
        NodeStates = s.NodeStates.ConvertAll(NodeStateWireV3.From),
        EdgeStates = s.EdgeStates.ConvertAll(EdgeStateWireV3.From),
        PlannedPath = PlannedPathWireV3.From(s.PlannedPath),
        IntermediatePath = s.IntermediatePath,
        MobileRobotPosition = MobileRobotPositionWireV3.From(s.AgvPosition),
        Velocity = s.Velocity,
        Loads = s.Loads,
        Driving = s.Driving,
        Paused = s.Paused,
        NewBaseRequest = s.NewBaseRequest,
        ZoneRequests = s.ZoneRequests?.ConvertAll(ZoneRequestWireV3.From),
        EdgeRequests = s.EdgeRequests,
        DistanceSinceLastNode = s.DistanceSinceLastNodeM,
        ActionStates = s.ActionStates.ConvertAll(ActionStateWireV3.From),
        InstantActionStates = s.InstantActionStates?.ConvertAll(ActionStateWireV3.From) ?? [],
        ZoneActionStates = s.ZoneActionStates?.ConvertAll(ActionStateWireV3.From),
        PowerSupply = PowerSupplyWireV3.From(s.BatteryState),
        OperatingMode = s.OperatingMode switch
        {
            Messages.OperatingMode.Automatic => OperatingModeV3.Automatic,
            Messages.OperatingMode.Semiautomatic => OperatingModeV3.Semiautomatic,
            Messages.OperatingMode.Manual => OperatingModeV3.Manual,
            Messages.OperatingMode.Service => OperatingModeV3.Service,
            Messages.OperatingMode.Teachin => OperatingModeV3.TeachIn,
            Messages.OperatingMode.Startup => OperatingModeV3.Startup,
            _ => OperatingModeV3.Intervened,
        },
        Errors = s.Errors.ConvertAll(ErrorWireV3.From),
        Information = s.Information?.ConvertAll(InfoWireV3.From),
        SafetyState = SafetyStateWireV3.From(s.SafetyState),
    };

    public State ToState() => new()
    {
        HeaderId = HeaderId,
        Timestamp = Timestamp,
        Version = Version,
        Manufacturer = Manufacturer,
        SerialNumber = SerialNumber,
        Maps = Maps?.ConvertAll(m => m.ToMapInfo()),
        ZoneSets = ZoneSets,
        OrderId = OrderId,
        OrderUpdateId = OrderUpdateId,
        LastNodeId = LastNodeId,
        LastNodeSequenceId = LastNodeSequenceId,
        NodeStates = NodeStates.ConvertAll(n => n.ToNodeState()),
        EdgeStates = EdgeStates.ConvertAll(e => e.ToEdgeState()),
        PlannedPath = PlannedPathWireV3.To(PlannedPath),
        IntermediatePath = IntermediatePath,
        AgvPosition = MobileRobotPositionWireV3.To(MobileRobotPosition),
        Velocity = Velocity,
        Loads = Loads,
        Driving = Driving,
        Paused = Paused,
        NewBaseRequest = NewBaseRequest,
        ZoneRequests = ZoneRequests?.ConvertAll(z => z.ToZoneRequest()),
        EdgeRequests = EdgeRequests,
        DistanceSinceLastNodeM = DistanceSinceLastNode,
        ActionStates = ActionStates.ConvertAll(a => a.ToActionState()),
        InstantActionStates = InstantActionStates.ConvertAll(a => a.ToActionState()),
        ZoneActionStates = ZoneActionStates?.ConvertAll(a => a.ToActionState()),
        BatteryState = PowerSupply.ToBatteryState(),
        OperatingMode = OperatingMode switch
        {
            OperatingModeV3.Automatic => Messages.OperatingMode.Automatic,
            OperatingModeV3.Semiautomatic => Messages.OperatingMode.Semiautomatic,
            OperatingModeV3.Manual => Messages.OperatingMode.Manual,
            OperatingModeV3.Service => Messages.OperatingMode.Service,
            OperatingModeV3.TeachIn => Messages.OperatingMode.Teachin,
            OperatingModeV3.Startup => Messages.OperatingMode.Startup,
            _ => Messages.OperatingMode.Intervened,
        },
        Errors = Errors.ConvertAll(e => e.ToError()),
        Information = Information?.ConvertAll(i => i.ToInformation()),
        SafetyState = SafetyState.ToSafetyState(),
    };
}

internal sealed class MapWireV3
{
    [JsonPropertyName("mapId")]
    public required string MapId { get; set; }

    [JsonPropertyName("mapVersion")]
    public required string MapVersion { get; set; }

    [JsonPropertyName("mapDescriptor")]
    public string? MapDescriptor { get; set; }

    [JsonPropertyName("mapStatus")]
    public required MapStatus MapStatus { get; set; }

    public static MapWireV3 From(MapInfo m) => new() { MapId = m.MapId, MapVersion = m.MapVersion, MapDescriptor = m.MapDescription, MapStatus = m.MapStatus };

    public MapInfo ToMapInfo() => new() { MapId = MapId, MapVersion = MapVersion, MapDescription = MapDescriptor, MapStatus = MapStatus };
}

internal sealed class NodeStateWireV3
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
    public NodeStatePosition? NodePosition { get; set; }

    public static NodeStateWireV3 From(NodeState n) => new()
    {
        NodeId = n.NodeId, SequenceId = n.SequenceId, NodeDescriptor = n.NodeDescription, Released = n.Released, NodePosition = n.NodePosition,
    };

    public NodeState ToNodeState() => new()
    {
        NodeId = NodeId, SequenceId = SequenceId, NodeDescription = NodeDescriptor, Released = Released, NodePosition = NodePosition,
    };
}

internal sealed class EdgeStateWireV3
{
    [JsonPropertyName("edgeId")]
    public required string EdgeId { get; set; }

    [JsonPropertyName("sequenceId")]
    public required uint SequenceId { get; set; }

    [JsonPropertyName("edgeDescriptor")]
    public string? EdgeDescriptor { get; set; }

    [JsonPropertyName("released")]
    public required bool Released { get; set; }

    [JsonPropertyName("trajectory")]
    public TrajectoryWireV3? Trajectory { get; set; }

    public static EdgeStateWireV3 From(EdgeState e) => new()
    {
        EdgeId = e.EdgeId, SequenceId = e.SequenceId, EdgeDescriptor = e.EdgeDescription, Released = e.Released, Trajectory = TrajectoryWireV3.From(e.Trajectory),
    };

    public EdgeState ToEdgeState() => new()
    {
        EdgeId = EdgeId, SequenceId = SequenceId, EdgeDescription = EdgeDescriptor, Released = Released, Trajectory = TrajectoryWireV3.To(Trajectory),
    };
}

internal sealed class ZoneRequestWireV3
{
    [JsonPropertyName("requestId")]
    public required string RequestId { get; set; }

    [JsonPropertyName("requestType")]
    public required ZoneRequestType RequestType { get; set; }

    [JsonPropertyName("zoneId")]
    public required string ZoneId { get; set; }

    [JsonPropertyName("zoneSetId")]
    public required string ZoneSetId { get; set; }

    [JsonPropertyName("requestStatus")]
    public required RequestStatus RequestStatus { get; set; }

    [JsonPropertyName("trajectory")]
    public TrajectoryWireV3? Trajectory { get; set; }

    public static ZoneRequestWireV3 From(ZoneRequest z) => new()
    {
        RequestId = z.RequestId, RequestType = z.RequestType, ZoneId = z.ZoneId, ZoneSetId = z.ZoneSetId, RequestStatus = z.RequestStatus, Trajectory = TrajectoryWireV3.From(z.Trajectory),
    };

    public ZoneRequest ToZoneRequest() => new()
    {
        RequestId = RequestId, RequestType = RequestType, ZoneId = ZoneId, ZoneSetId = ZoneSetId, RequestStatus = RequestStatus, Trajectory = TrajectoryWireV3.To(Trajectory),
    };
}

internal sealed class ActionStateWireV3
{
    [JsonPropertyName("actionId")]
    public required string ActionId { get; set; }

    [JsonPropertyName("actionType")]
    public string? ActionType { get; set; }

    [JsonPropertyName("actionDescriptor")]
    public string? ActionDescriptor { get; set; }

    [JsonPropertyName("actionStatus")]
    public required ActionStatus ActionStatus { get; set; }

    [JsonPropertyName("actionResult")]
    public string? ActionResult { get; set; }

    public static ActionStateWireV3 From(ActionState a) => new()
    {
        ActionId = a.ActionId, ActionType = a.ActionType, ActionDescriptor = a.ActionDescription, ActionStatus = a.ActionStatus, ActionResult = a.ResultDescription,
    };

    public ActionState ToActionState() => new()
    {
        ActionId = ActionId, ActionType = ActionType, ActionDescription = ActionDescriptor, ActionStatus = ActionStatus, ResultDescription = ActionResult,
    };
}

/// <summary>3.0 powerSupply (2.x batteryState): batteryCharge became stateOfCharge, reach became range; adds batteryCurrent.</summary>
internal sealed class PowerSupplyWireV3
{
    [JsonPropertyName("stateOfCharge")]
    public required double StateOfCharge { get; set; }

    [JsonPropertyName("batteryVoltage")]
    public double? BatteryVoltage { get; set; }

    [JsonPropertyName("batteryCurrent")]
    public double? BatteryCurrent { get; set; }

    [JsonPropertyName("batteryHealth")]
    public double? BatteryHealth { get; set; }

    [JsonPropertyName("charging")]
    public required bool Charging { get; set; }

    [JsonPropertyName("range")]
    public double? Range { get; set; }

    public static PowerSupplyWireV3 From(BatteryState b) => new()
    {
        StateOfCharge = b.BatteryChargePercent, BatteryVoltage = b.BatteryVoltageV, BatteryCurrent = b.BatteryCurrentA,
        BatteryHealth = b.BatteryHealthPercent, Charging = b.Charging, Range = b.ReachM,
    };

    public BatteryState ToBatteryState() => new()
    {
        BatteryChargePercent = StateOfCharge, BatteryVoltageV = BatteryVoltage, BatteryCurrentA = BatteryCurrent,
        BatteryHealthPercent = BatteryHealth, Charging = Charging, ReachM = Range,
    };
}

internal sealed class ErrorWireV3
{
    [JsonPropertyName("errorType")]
    public required string ErrorType { get; set; }

    [JsonPropertyName("errorReferences")]
    public List<ErrorReference>? ErrorReferences { get; set; }

    [JsonPropertyName("errorDescription")]
    public string? ErrorDescription { get; set; }

    [JsonPropertyName("errorDescriptionTranslations")]
    public List<Translation>? ErrorDescriptionTranslations { get; set; }

    [JsonPropertyName("errorHint")]
    public string? ErrorHint { get; set; }

    [JsonPropertyName("errorHintTranslations")]
    public List<Translation>? ErrorHintTranslations { get; set; }

    [JsonPropertyName("errorLevel")]
    public required ErrorLevel ErrorLevel { get; set; }

    public static ErrorWireV3 From(Vda5050Error e) => new()
    {
        ErrorType = e.ErrorType, ErrorReferences = e.ErrorReferences, ErrorDescription = e.ErrorDescription, ErrorDescriptionTranslations = e.ErrorDescriptionTranslations,
        ErrorHint = e.ErrorHint, ErrorHintTranslations = e.ErrorHintTranslations, ErrorLevel = e.ErrorLevel,
    };

    public Vda5050Error ToError() => new()
    {
        ErrorType = ErrorType, ErrorReferences = ErrorReferences, ErrorDescription = ErrorDescription, ErrorDescriptionTranslations = ErrorDescriptionTranslations,
        ErrorHint = ErrorHint, ErrorHintTranslations = ErrorHintTranslations, ErrorLevel = ErrorLevel,
    };
}

internal sealed class InfoWireV3
{
    [JsonPropertyName("infoType")]
    public required string InfoType { get; set; }

    [JsonPropertyName("infoReferences")]
    public List<InfoReference>? InfoReferences { get; set; }

    [JsonPropertyName("infoDescriptor")]
    public string? InfoDescriptor { get; set; }

    [JsonPropertyName("infoLevel")]
    public required InfoLevel InfoLevel { get; set; }

    public static InfoWireV3 From(Information i) => new() { InfoType = i.InfoType, InfoReferences = i.InfoReferences, InfoDescriptor = i.InfoDescription, InfoLevel = i.InfoLevel };

    public Information ToInformation() => new() { InfoType = InfoType, InfoReferences = InfoReferences, InfoDescription = InfoDescriptor, InfoLevel = InfoLevel };
}

/// <summary>3.0 safetyState: eStop became activeEmergencyStop and lost AUTOACK.</summary>
internal sealed class SafetyStateWireV3
{
    [JsonPropertyName("activeEmergencyStop")]
    public required EmergencyStopV3 ActiveEmergencyStop { get; set; }

    [JsonPropertyName("fieldViolation")]
    public required bool FieldViolation { get; set; }

    public static SafetyStateWireV3 From(SafetyState s) => new()
    {
        ActiveEmergencyStop = s.EStop switch
        {
            EStop.None => EmergencyStopV3.None,
            EStop.Manual => EmergencyStopV3.Manual,
            EStop.Remote => EmergencyStopV3.Remote,
            _ => throw new ArgumentException("safetyState.eStop AUTOACK does not exist in 3.0 (activeEmergencyStop is MANUAL, REMOTE or NONE)", nameof(s)),
        },
        FieldViolation = s.FieldViolation,
    };

    public SafetyState ToSafetyState() => new()
    {
        EStop = ActiveEmergencyStop switch
        {
            EmergencyStopV3.None => EStop.None,
            EmergencyStopV3.Manual => EStop.Manual,
            _ => EStop.Remote,
        },
        FieldViolation = FieldViolation,
    };
}

[JsonConverter(typeof(JsonStringEnumConverter<OperatingModeV3>))]
internal enum OperatingModeV3
{
    [JsonStringEnumMemberName("STARTUP")]
    Startup,
    [JsonStringEnumMemberName("AUTOMATIC")]
    Automatic,
    [JsonStringEnumMemberName("SEMIAUTOMATIC")]
    Semiautomatic,
    [JsonStringEnumMemberName("INTERVENED")]
    Intervened,
    [JsonStringEnumMemberName("MANUAL")]
    Manual,
    [JsonStringEnumMemberName("SERVICE")]
    Service,
    [JsonStringEnumMemberName("TEACH_IN")]
    TeachIn,
}

[JsonConverter(typeof(JsonStringEnumConverter<EmergencyStopV3>))]
internal enum EmergencyStopV3
{
    [JsonStringEnumMemberName("MANUAL")]
    Manual,
    [JsonStringEnumMemberName("REMOTE")]
    Remote,
    [JsonStringEnumMemberName("NONE")]
    None,
}
