using StrategicTech.Drivers.Vda5050.Messages;

namespace StrategicTech.Drivers.Vda5050.Tests;

/// <summary>A factsheet with every member we model filled (2.x content and the 3.0 additions).</summary>
internal static class SampleFactsheet
{
    public static Factsheet Full() => SampleMessages.Header(new Factsheet
    {
        HeaderId = 0, Timestamp = "", Version = "", Manufacturer = "", SerialNumber = "",
        TypeSpecification = new TypeSpecification
        {
            SeriesName = "ST-AMR",
            SeriesDescription = "differential-drive carrier",
            AgvKinematic = "DIFF",
            AgvClass = "CARRIER",
            MaxLoadMassKg = 50,
            LocalizationTypes = ["NATURAL"],
            NavigationTypes = ["AUTONOMOUS"],
        },
        PhysicalParameters = new PhysicalParameters
        {
            SpeedMinMps = 0.05, SpeedMaxMps = 1.0, AccelerationMaxMps2 = 0.5, DecelerationMaxMps2 = 1.0,
            HeightMinM = 0.3, HeightMaxM = 0.4, WidthM = 0.6, LengthM = 0.8,
        },
        ProtocolLimits = new ProtocolLimits
        {
            MaxStringLens = new MaxStringLengths { MsgLen = 65536, TopicSerialLen = 64, TopicElemLen = 64, IdLen = 64, IdNumericalOnly = false, EnumLen = 32, LoadIdLen = 64 },
            MaxArrayLens = new MaxArrayLengths
            {
                OrderNodes = 512, OrderEdges = 511, NodeActions = 4, EdgeActions = 4, ActionsParameters = 8, InstantActions = 8,
                TrajectoryKnotVector = 0, TrajectoryControlPoints = 0, StateNodeStates = 512, StateEdgeStates = 511, StateLoads = 1,
                StateActionStates = 64, StateErrors = 32, StateInformation = 8, ErrorReferences = 4, InfoReferences = 4,
            },
            Timing = new ProtocolTiming { MinOrderIntervalS = 0.1, MinStateIntervalS = 0.1, DefaultStateIntervalS = 30, VisualizationIntervalS = 1 },
        },
        ProtocolFeatures = new ProtocolFeatures
        {
            OptionalParameters = [new OptionalParameter { Parameter = "order.nodes.nodePosition", Support = "REQUIRED", Description = "positions are needed" }],
            AgvActions =
            [
                new AgvActionDescription
                {
                    ActionType = "pick", ActionDescription = "lift the load", ActionScopes = ["NODE"], ResultDescription = "load on board",
                    BlockingTypes = ["HARD"], PauseAllowed = false, CancelAllowed = true,
                    ActionParameters = [new ActionParameterDescription { Key = "loadType", ValueDataType = "STRING", Description = "kind of load", IsOptional = true }],
                },
                new AgvActionDescription { ActionType = "factsheetRequest", ActionScopes = ["INSTANT"], BlockingTypes = ["NONE"], PauseAllowed = true, CancelAllowed = false },
            ],
        },
        AgvGeometry = new AgvGeometry
        {
            WheelDefinitions =
            [
                new WheelDefinition { Type = "DRIVE", IsActiveDriven = true, IsActiveSteered = false, Position = new WheelPosition { XM = 0, YM = 0.25, ThetaRad = 0 }, DiameterM = 0.15, WidthM = 0.04, CenterDisplacementM = 0, Constraints = "none" },
                new WheelDefinition { Type = "CASTER", IsActiveDriven = false, IsActiveSteered = false, Position = new WheelPosition { XM = 0.3, YM = 0 }, DiameterM = 0.08, WidthM = 0.03 },
            ],
            Envelopes2d = [new Envelope2d { Set = "base", Description = "outline", PolygonPoints = [new() { XM = -0.4, YM = -0.3 }, new() { XM = 0.4, YM = -0.3 }, new() { XM = 0.4, YM = 0.3 }, new() { XM = -0.4, YM = 0.3 }] }],
        },
        LoadSpecification = new LoadSpecification
        {
            LoadPositions = ["top"],
            LoadSets =
            [
                new LoadSet
                {
                    SetName = "tote", LoadType = "KLT", LoadPositions = ["top"], LoadDimensions = new LoadDimensions { LengthM = 0.6, WidthM = 0.4, HeightM = 0.3 },
                    MaxWeightKg = 50, AgvSpeedLimitMps = 0.8, PickTimeS = 2, DropTimeS = 2, Description = "small load carrier",
                },
            ],
        },
        VehicleConfig = new VehicleConfig { Versions = [new VersionEntry { Key = "autonomy", Value = "1.0" }] },
        V3Additions = new FactsheetV3Additions
        {
            SupportedZones = ["BLOCKED", "SPEED_LIMIT"],
            MinimumAngularSpeedRadps = 0,
            MaximumAngularSpeedRadps = 1.5,
            BatteryCharging = new BatteryCharging { CriticalLowChargingLevelPercent = 10, MinimumDesiredChargingLevelPercent = 30, MaximumDesiredChargingLevelPercent = 90, MinimumChargingTimeS = 60 },
        },
    });
}
