using StrategicTech.Drivers.Vda5050.Messages;

namespace StrategicTech.Sim.Fleet;

/// <summary>
/// The VDA 5050 factsheet of a <see cref="SimulatedAgv"/>: a differential-drive carrier of 0.56 m × 0.40 m (the
/// circumscribed radius 0.344 m fits the 0.35 m robot disk of the demo's contact distance and the AWS grid's inflation), its speed, the node actions it runs
/// (pick, drop, startCharging, stopCharging) and the instant actions it takes, and on 3.0 the zone types it honours.
/// The header is stamped on sending.
/// </summary>
public static class SimulatedAgvFactsheet
{
    public const double LengthM = 0.56;
    public const double WidthM = 0.40;

    public static Factsheet For(SimulatedAgv agv)
    {
        ArgumentNullException.ThrowIfNull(agv);
        return new Factsheet
        {
            HeaderId = 0, Timestamp = string.Empty, Version = string.Empty, Manufacturer = agv.Manufacturer, SerialNumber = agv.SerialNumber,
            TypeSpecification = new TypeSpecification
            {
                SeriesName = "StrategicTech kinematic AGV",
                AgvKinematic = "DIFF",
                AgvClass = "CARRIER",
                MaxLoadMassKg = 100,
                LocalizationTypes = ["NATURAL"],
                NavigationTypes = ["AUTONOMOUS"],
            },
            PhysicalParameters = new PhysicalParameters
            {
                SpeedMinMps = 0, SpeedMaxMps = agv.MaxSpeedMps, AccelerationMaxMps2 = 1.0, DecelerationMaxMps2 = 1.0,
                HeightMaxM = 0.4, WidthM = WidthM, LengthM = LengthM,
            },
            ProtocolLimits = new ProtocolLimits
            {
                MaxStringLens = new MaxStringLengths(),
                MaxArrayLens = new MaxArrayLengths(),
                Timing = new ProtocolTiming { MinOrderIntervalS = 0, MinStateIntervalS = 0, DefaultStateIntervalS = 30 },
            },
            ProtocolFeatures = new ProtocolFeatures
            {
                OptionalParameters = [],
                AgvActions =
                [
                    Action("pick", "NODE", cancel: false),
                    Action("drop", "NODE", cancel: false),
                    Action("startCharging", "NODE", cancel: true),
                    Action("stopCharging", "INSTANT", cancel: false),
                    Action("cancelOrder", "INSTANT", cancel: false),
                    Action("startPause", "INSTANT", cancel: false),
                    Action("stopPause", "INSTANT", cancel: false),
                    Action("stateRequest", "INSTANT", cancel: false),
                    Action("factsheetRequest", "INSTANT", cancel: false),
                ],
            },
            AgvGeometry = new AgvGeometry
            {
                Envelopes2d =
                [
                    new Envelope2d
                    {
                        Set = "base",
                        PolygonPoints = [new() { XM = -LengthM / 2, YM = -WidthM / 2 }, new() { XM = LengthM / 2, YM = -WidthM / 2 }, new() { XM = LengthM / 2, YM = WidthM / 2 }, new() { XM = -LengthM / 2, YM = WidthM / 2 }],
                    },
                ],
            },
            LoadSpecification = new LoadSpecification { LoadPositions = ["top"] },

            // The 3.0 zone types it honours: those it checks orders and steps against, the speed limit it keeps, and
            // COORDINATED_REPLANNING, which it keeps by never replanning on its own. Not RELEASE (it does not use the
            // release gate) nor ACTION (it has no zone action it can run); PRIORITY and PENALTY are the master's to plan with.
            V3Additions = new FactsheetV3Additions { SupportedZones = ["BLOCKED", "LINE_GUIDED", "COORDINATED_REPLANNING", "SPEED_LIMIT", "DIRECTED", "BIDIRECTED"] },
        };
    }

    private static AgvActionDescription Action(string type, string scope, bool cancel) => new()
    {
        ActionType = type,
        ActionScopes = [scope],
        BlockingTypes = [scope == "INSTANT" ? "NONE" : "HARD"],
        PauseAllowed = false,
        CancelAllowed = cancel,
    };
}
