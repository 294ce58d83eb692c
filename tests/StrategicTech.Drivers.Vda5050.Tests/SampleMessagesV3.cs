using StrategicTech.Drivers.Vda5050.Messages;

namespace StrategicTech.Drivers.Vda5050.Tests;

/// <summary>The full samples with every member 3.0 adds filled too, stamped 3.0.0.</summary>
internal static class SampleMessagesV3
{
    public static T V3<T>(T m)
        where T : Vda5050Message
    {
        m.Version = "3.0.0";
        return m;
    }

    public static Order FullOrder()
    {
        Order o = V3(SampleMessages.FullOrder());
        o.OrderDescription = "pallet to dock 2";
        o.Nodes[0].NodePosition!.AllowedDeviationEllipse = new AllowedDeviationEllipse { AM = 0.2, BM = 0.1, ThetaRad = 0.5 };
        o.Nodes[0].Actions[0].BlockingType = BlockingType.Single;
        o.Nodes[0].Actions[0].Retriable = true;
        Edge e = o.Edges[0];
        e.ReachOrientationBeforeEntering = true;
        e.Corridor!.CorridorRefPoint = CorridorRefPoint.KinematicCenter;
        e.Corridor.ReleaseRequired = true;
        e.Corridor.ReleaseLossBehavior = ReleaseLossBehavior.Return;
        return o;
    }

    public static State FullState()
    {
        State s = V3(SampleMessages.FullState());
        s.ZoneSetId = null; // 2.x only
        s.OperatingMode = OperatingMode.Intervened;
        s.ActionStates[0].ActionStatus = ActionStatus.Retriable;
        s.InstantActionStates = [new ActionState { ActionId = "i1", ActionType = "startPause", ActionStatus = ActionStatus.Paused, ActionDescription = "pause", ResultDescription = "paused" }];
        s.ZoneActionStates = [new ActionState { ActionId = "z1", ActionType = "slowDown", ActionStatus = ActionStatus.Running }];
        s.ZoneSets = [new ZoneSetState { ZoneSetId = "zones-a", MapId = "warehouse", ZoneSetStatus = ZoneSetStatus.Enabled }];
        s.ZoneRequests =
        [
            new ZoneRequest
            {
                RequestId = "zr1", RequestType = ZoneRequestType.Replanning, ZoneId = "z7", ZoneSetId = "zones-a", RequestStatus = RequestStatus.Requested,
                Trajectory = new Trajectory { Degree = 2, KnotVector = [], ControlPoints = [new ControlPoint { XM = 1, YM = 2 }, new ControlPoint { XM = 3, YM = 4, Weight = 0.5 }] },
            },
        ];
        s.EdgeRequests = [new EdgeRequest { RequestId = "er1", RequestType = EdgeRequestType.Corridor, EdgeId = "e1", SequenceId = 1, RequestStatus = RequestStatus.Granted }];
        s.PlannedPath = new PlannedPath
        {
            Trajectory = new Trajectory { Degree = 1, KnotVector = [0, 0, 1, 1], ControlPoints = [new ControlPoint { XM = 2, YM = -2.25 }, new ControlPoint { XM = 6, YM = -2.25 }] },
            TraversedNodes = ["n1", "n2"],
        };
        s.IntermediatePath = new IntermediatePath { Polyline = [new PolylinePoint { XM = 4, YM = -2.25, ThetaRad = 0, Eta = "2026-12-06T04:40:05.000Z" }] };
        s.BatteryState.BatteryCurrentA = -12.5;
        s.Errors[0].ErrorLevel = ErrorLevel.Critical;
        s.Errors[0].ErrorDescriptionTranslations = [new Translation { TranslationKey = "de", TranslationValue = "Auftragsfehler" }];
        s.Errors[0].ErrorHintTranslations = [new Translation { TranslationKey = "de", TranslationValue = "Hinweis" }];
        s.Maps![0].MapDescription = "hall 1";
        s.SafetyState.EStop = EStop.Remote;
        return s;
    }

    public static State MinimalState(string orderId = "") => V3(SampleMessages.MinimalState(orderId));

    public static Visualization FullVisualization()
    {
        Visualization v = V3(SampleMessages.FullVisualization());
        v.ReferenceStateHeaderId = 6;
        v.PlannedPath = new PlannedPath { Trajectory = new Trajectory { Degree = 1, KnotVector = [], ControlPoints = [new ControlPoint { XM = 2, YM = 3 }] } };
        v.IntermediatePath = new IntermediatePath { Polyline = [new PolylinePoint { XM = 2.5, YM = 3, Eta = "2026-12-06T04:40:04.000Z" }] };
        return v;
    }

    public static InstantActions FullInstantActions()
    {
        InstantActions a = V3(SampleMessages.FullInstantActions());
        a.Actions[0].BlockingType = BlockingType.None;
        a.Actions[0].Retriable = false;
        return a;
    }
}
