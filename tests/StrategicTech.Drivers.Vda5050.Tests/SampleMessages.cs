using System.Text.Json;
using StrategicTech.Drivers.Vda5050.Messages;

namespace StrategicTech.Drivers.Vda5050.Tests;

/// <summary>Messages with every field we model filled, so schema validation covers all of them.</summary>
internal static class SampleMessages
{
    public static T Header<T>(T m)
        where T : Vda5050Message
    {
        m.HeaderId = 7;
        m.Timestamp = "2026-12-06T04:40:03.120Z";
        m.Version = "2.0.0";
        m.Manufacturer = "StrategicTech";
        m.SerialNumber = "AMR-1";
        return m;
    }

    public static Vda5050Action Action(string type, string id) => new()
    {
        ActionType = type,
        ActionId = id,
        ActionDescription = "test action",
        BlockingType = BlockingType.Hard,
        ActionParameters =
        [
            new ActionParameter { Key = "loadType", Value = JsonDocument.Parse("\"EPAL\"").RootElement.Clone() },
            new ActionParameter { Key = "height", Value = JsonDocument.Parse("0.25").RootElement.Clone() },
            new ActionParameter { Key = "flags", Value = JsonDocument.Parse("[true, {\"a\": 1}]").RootElement.Clone() },
        ],
    };

    public static Order FullOrder() => Header(new Order
    {
        HeaderId = 0, Timestamp = "", Version = "", Manufacturer = "", SerialNumber = "",
        OrderId = "order-1",
        OrderUpdateId = 3,
        ZoneSetId = "zones-a",
        Nodes =
        [
            new Node
            {
                NodeId = "n1", SequenceId = 0, NodeDescription = "dock", Released = true,
                NodePosition = new NodePosition { XM = 1.5, YM = -2.25, ThetaRad = 3.14, AllowedDeviationXyM = 0.1, AllowedDeviationThetaRad = 0.2, MapId = "warehouse", MapDescription = "hall 1" },
                Actions = [Action("pick", "a1")],
            },
            new Node { NodeId = "n2", SequenceId = 2, Released = false, Actions = [] },
        ],
        Edges =
        [
            new Edge
            {
                EdgeId = "e1", SequenceId = 1, EdgeDescription = "aisle", Released = true, StartNodeId = "n1", EndNodeId = "n2",
                MaxSpeedMps = 1.2, MaxHeightM = 2, MinHeightM = 0.1, OrientationRad = -1.5, OrientationType = "TANGENTIAL", Direction = "left",
                RotationAllowed = false, MaxRotationSpeedRadps = 0.5, LengthM = 4.5,
                Trajectory = new Trajectory { Degree = 1, KnotVector = [0, 0, 1, 1], ControlPoints = [new ControlPoint { XM = 1.5, YM = -2.25, Weight = 1 }, new ControlPoint { XM = 6, YM = -2.25 }] },
                Corridor = new Corridor { LeftWidthM = 0.5, RightWidthM = 0.25, CorridorRefPoint = CorridorRefPoint.Contour },
                Actions = [Action("drop", "a2")],
            },
        ],
    });

    public static State FullState() => Header(new State
    {
        HeaderId = 0, Timestamp = "", Version = "", Manufacturer = "", SerialNumber = "",
        Maps = [new MapInfo { MapId = "warehouse", MapVersion = "1.0", MapDescription = "hall 1", MapStatus = MapStatus.Enabled }],
        OrderId = "order-1",
        OrderUpdateId = 3,
        ZoneSetId = "zones-a",
        LastNodeId = "n1",
        LastNodeSequenceId = 0,
        Driving = true,
        Paused = false,
        NewBaseRequest = false,
        DistanceSinceLastNodeM = 0.75,
        OperatingMode = OperatingMode.Automatic,
        NodeStates = [new NodeState { NodeId = "n2", SequenceId = 2, NodeDescription = "x", Released = false, NodePosition = new NodeStatePosition { XM = 6, YM = -2.25, ThetaRad = 0, MapId = "warehouse" } }],
        EdgeStates = [new EdgeState { EdgeId = "e1", SequenceId = 1, Released = true, Trajectory = new Trajectory { Degree = 1, KnotVector = [0, 1], ControlPoints = [new ControlPoint { XM = 0, YM = 0 }] } }],
        AgvPosition = new AgvPosition { XM = 2, YM = -2.25, ThetaRad = 0.1, MapId = "warehouse", PositionInitialized = true, LocalizationScore = 0.9, DeviationRangeM = 0.05 },
        Velocity = new Velocity { VxMps = 1, VyMps = 0, OmegaRadps = 0.01 },
        Loads = [new Load { LoadId = "L1", LoadType = "EPAL", LoadPosition = "front", WeightKg = 120 }],
        ActionStates = [new ActionState { ActionId = "a1", ActionType = "pick", ActionStatus = ActionStatus.Finished, ResultDescription = "ok" }],
        BatteryState = new BatteryState { BatteryChargePercent = 80, BatteryVoltageV = 48.1, BatteryHealthPercent = 97, Charging = false, ReachM = 12000 },
        Errors = [new Vda5050Error { ErrorType = "orderError", ErrorLevel = ErrorLevel.Warning, ErrorDescription = "d", ErrorHint = "h", ErrorReferences = [new ErrorReference { ReferenceKey = "orderId", ReferenceValue = "order-1" }] }],
        Information = [new Information { InfoType = "status", InfoLevel = InfoLevel.Info, InfoDescription = "fine", InfoReferences = [new InfoReference { ReferenceKey = "k", ReferenceValue = "v" }] }],
        SafetyState = new SafetyState { EStop = EStop.None, FieldViolation = false },
    });

    public static State MinimalState(string orderId = "") => Header(new State
    {
        HeaderId = 0, Timestamp = "", Version = "", Manufacturer = "", SerialNumber = "",
        OrderId = orderId, OrderUpdateId = 0, LastNodeId = "", LastNodeSequenceId = 0, Driving = false,
        OperatingMode = OperatingMode.Automatic, NodeStates = [], EdgeStates = [], ActionStates = [],
        BatteryState = new BatteryState { BatteryChargePercent = 50, Charging = false },
        Errors = [], SafetyState = new SafetyState { EStop = EStop.None, FieldViolation = false },
    });

    public static InstantActions FullInstantActions() => Header(new InstantActions
    {
        HeaderId = 0, Timestamp = "", Version = "", Manufacturer = "", SerialNumber = "",
        Actions = [Action("cancelOrder", "i1"), new Vda5050Action { ActionType = "stateRequest", ActionId = "i2", BlockingType = BlockingType.None }],
    });

    public static Connection Connection(ConnectionState state) => Header(new Connection
    {
        HeaderId = 0, Timestamp = "", Version = "", Manufacturer = "", SerialNumber = "", ConnectionState = state,
    });

    public static Visualization FullVisualization() => Header(new Visualization
    {
        HeaderId = 0, Timestamp = "", Version = "", Manufacturer = "", SerialNumber = "",
        AgvPosition = new AgvPosition { XM = 2, YM = 3, ThetaRad = -0.5, MapId = "warehouse", PositionInitialized = true, LocalizationScore = 1 },
        Velocity = new Velocity { VxMps = 0.5, OmegaRadps = 0 },
    });
}
