using System.Text.Json;
using StrategicTech.Drivers.Vda5050.Messages;

namespace StrategicTech.Drivers.Vda5050.Tests;

/// <summary>Zone sets for the tests: one zone of every 3.0.0 zone type, and a single RELEASE zone.</summary>
internal static class SampleZoneSets
{
    private static List<ZoneVertex> Square(double x0M, double y0M, double sideM) =>
    [
        new() { XM = x0M, YM = y0M }, new() { XM = x0M + sideM, YM = y0M }, new() { XM = x0M + sideM, YM = y0M + sideM }, new() { XM = x0M, YM = y0M + sideM },
    ];

    public static ZoneSet EveryType() => new()
    {
        HeaderId = 7, Timestamp = "2026-12-06T10:00:00.000Z", Version = "3.0.0", Manufacturer = "StrategicTech", SerialNumber = "AMR-1",
        Definition = new ZoneSetDefinition
        {
            MapId = "warehouse", ZoneSetId = "zones-a", ZoneSetDescriptor = "hall 1",
            Zones =
            [
                new Zone { ZoneId = "blocked", ZoneType = ZoneType.Blocked, Vertices = Square(0, 0, 1), ZoneDescriptor = "rack" },
                new Zone { ZoneId = "line", ZoneType = ZoneType.LineGuided, Vertices = Square(1, 0, 1) },
                new Zone { ZoneId = "door", ZoneType = ZoneType.Release, Vertices = Square(2, 0, 1), ReleaseLossBehavior = ZoneReleaseLossBehavior.Stop },
                new Zone { ZoneId = "replan", ZoneType = ZoneType.CoordinatedReplanning, Vertices = Square(3, 0, 1) },
                new Zone { ZoneId = "slow", ZoneType = ZoneType.SpeedLimit, Vertices = Square(4, 0, 1), MaximumSpeedMps = 0.5 },
                new Zone
                {
                    ZoneId = "horn", ZoneType = ZoneType.Action, Vertices = Square(5, 0, 1),
                    EntryActions =
                    [
                        new ZoneAction
                        {
                            ActionType = "signal", BlockingType = BlockingType.None, ActionDescriptor = "horn on", Retriable = false,
                            ActionParameters = [new ActionParameter { Key = "signal", Value = JsonDocument.Parse("\"horn\"").RootElement.Clone() }],
                        },
                    ],
                    DuringActions = [], ExitActions = [new ZoneAction { ActionType = "signal", BlockingType = BlockingType.Single }],
                },
                new Zone { ZoneId = "fast", ZoneType = ZoneType.Priority, Vertices = Square(6, 0, 1), PriorityFactor = 0.8 },
                new Zone { ZoneId = "avoid", ZoneType = ZoneType.Penalty, Vertices = Square(7, 0, 1), PenaltyFactor = 1 },
                new Zone { ZoneId = "oneway", ZoneType = ZoneType.Directed, Vertices = Square(8, 0, 1), DirectionRad = 1.5708, DirectedLimitation = DirectedLimitation.Strict },
                new Zone { ZoneId = "aisle", ZoneType = ZoneType.Bidirected, Vertices = Square(9, 0, 1), DirectionRad = 0, BidirectedLimitation = BidirectedLimitation.Restricted },
            ],
        },
    };

    /// <summary>One RELEASE zone, the square [-1, 1] x [-1, 1].</summary>
    public static ZoneSetDefinition OneReleaseZone(ZoneReleaseLossBehavior loss = ZoneReleaseLossBehavior.Stop) => new()
    {
        MapId = "hall", ZoneSetId = "zs-1",
        Zones = [new Zone { ZoneId = "door", ZoneType = ZoneType.Release, Vertices = Square(-1, -1, 2), ReleaseLossBehavior = loss }],
    };
}
