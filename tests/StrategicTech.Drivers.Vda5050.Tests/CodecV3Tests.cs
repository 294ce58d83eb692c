using System.Text;
using StrategicTech.Drivers.Vda5050.Messages;

namespace StrategicTech.Drivers.Vda5050.Tests;

/// <summary>Round trips through the 3.0.0 layout, what 3.0 forbids, and what the 2.x layout cannot carry.</summary>
public sealed class CodecV3Tests
{
    [Fact]
    public void AFull300OrderRoundTripsWithEdgeEndsTakenFromTheNeighbouringSequenceIds()
    {
        Assert.True(Vda5050Codec.TryDecodeOrder(Vda5050Codec.Encode(SampleMessagesV3.FullOrder()), "order", "3.0.0", out Order? o, out Vda5050Error? error), error?.ErrorDescription);
        Assert.Equal("pallet to dock 2", o!.OrderDescription);
        Assert.Null(o.ZoneSetId);
        Edge e = Assert.Single(o.Edges);
        Assert.Equal(("n1", "n2"), (e.StartNodeId, e.EndNodeId));
        Assert.Equal(1.2, e.MaxSpeedMps);
        Assert.Equal(2, e.MaxHeightM);
        Assert.Equal(0.1, e.MinHeightM);
        Assert.True(e.ReachOrientationBeforeEntering);
        Assert.Null(e.RotationAllowed);
        Assert.Equal(CorridorRefPoint.KinematicCenter, e.Corridor!.CorridorRefPoint);
        Assert.True(e.Corridor.ReleaseRequired);
        Assert.Equal(ReleaseLossBehavior.Return, e.Corridor.ReleaseLossBehavior);
        Assert.Equal([0, 0, 1, 1], e.Trajectory!.KnotVector);
        Assert.Equal("test action", e.Actions[0].ActionDescription);
        NodePosition p = o.Nodes[0].NodePosition!;
        Assert.Equal(0.1, p.AllowedDeviationXyM); // the smaller semi-axis
        Assert.Equal((0.2, 0.1, 0.5), (p.AllowedDeviationEllipse!.AM, p.AllowedDeviationEllipse.BM, p.AllowedDeviationEllipse.ThetaRad));
        Assert.Null(p.MapDescription);
        Assert.Equal(BlockingType.Single, o.Nodes[0].Actions[0].BlockingType);
        Assert.True(o.Nodes[0].Actions[0].Retriable);
        Assert.Equal(0.25, o.Nodes[0].Actions[0].ActionParameters![1].Value.GetDouble());
    }

    [Fact]
    public void AFull300StateRoundTripsEveryMember3Adds()
    {
        Assert.True(Vda5050Codec.TryDecodeState(Vda5050Codec.Encode(SampleMessagesV3.FullState()), "state", "3.0.0", out State? s, out Vda5050Error? error), error?.ErrorDescription);
        Assert.Equal(OperatingMode.Intervened, s!.OperatingMode);
        Assert.Equal(ActionStatus.Retriable, s.ActionStates[0].ActionStatus);
        Assert.Equal("ok", s.ActionStates[0].ResultDescription);
        ActionState instant = Assert.Single(s.InstantActionStates!);
        Assert.Equal(("i1", ActionStatus.Paused, "pause", "paused"), (instant.ActionId, instant.ActionStatus, instant.ActionDescription, instant.ResultDescription));
        Assert.Equal("z1", Assert.Single(s.ZoneActionStates!).ActionId);
        Assert.Equal(ZoneSetStatus.Enabled, Assert.Single(s.ZoneSets!).ZoneSetStatus);
        ZoneRequest zr = Assert.Single(s.ZoneRequests!);
        Assert.Equal((ZoneRequestType.Replanning, RequestStatus.Requested, 2, 0), (zr.RequestType, zr.RequestStatus, zr.Trajectory!.Degree, zr.Trajectory.KnotVector.Count));
        Assert.Equal(RequestStatus.Granted, Assert.Single(s.EdgeRequests!).RequestStatus);
        Assert.Equal(["n1", "n2"], s.PlannedPath!.TraversedNodes!);
        Assert.Equal("2026-12-06T04:40:05.000Z", Assert.Single(s.IntermediatePath!.Polyline).Eta);
        Assert.Equal(-12.5, s.BatteryState.BatteryCurrentA);
        Assert.Equal(12000, s.BatteryState.ReachM);
        Assert.Equal(80, s.BatteryState.BatteryChargePercent);
        Assert.Equal(ErrorLevel.Critical, s.Errors[0].ErrorLevel);
        Assert.Equal("Auftragsfehler", Assert.Single(s.Errors[0].ErrorDescriptionTranslations!).TranslationValue);
        Assert.Equal("fine", s.Information![0].InfoDescription);
        Assert.Equal("hall 1", s.Maps![0].MapDescription);
        Assert.True(s.AgvPosition!.PositionInitialized);
        Assert.Equal(0.05, s.AgvPosition.DeviationRangeM);
        Assert.Equal(EStop.Remote, s.SafetyState.EStop);
    }

    [Fact]
    public void A300VisualizationRoundTripsItsReferenceStateHeaderIdAndPaths()
    {
        Assert.True(Vda5050Codec.TryDecodeVisualization(Vda5050Codec.Encode(SampleMessagesV3.FullVisualization()), "visualization", "3.0.0", out Visualization? v, out Vda5050Error? error), error?.ErrorDescription);
        Assert.Equal(6u, v!.ReferenceStateHeaderId);
        Assert.Equal(1, v.PlannedPath!.Trajectory.Degree);
        Assert.Equal(2.5, Assert.Single(v.IntermediatePath!.Polyline).XM);
        Assert.Equal(-0.5, v.AgvPosition!.ThetaRad);
    }

    [Fact]
    public void A300VisualizationWithoutItsReferenceStateHeaderIdIsNotEncoded()
    {
        Visualization v = SampleMessagesV3.FullVisualization();
        v.ReferenceStateHeaderId = null;
        Assert.Throws<ArgumentException>(() => Vda5050Codec.Encode(v));
    }

    [Fact]
    public void A300OrderWhoseEdgeHasNoNodeAfterItIsRejectedNamingTheEdge()
    {
        string json = Encoding.UTF8.GetString(Vda5050Codec.Encode(SampleMessagesV3.FullOrder())).Replace("\"sequenceId\":2", "\"sequenceId\":4", StringComparison.Ordinal);
        Assert.False(Vda5050Codec.TryDecodeOrder(Encoding.UTF8.GetBytes(json), "order", "3.0.0", out Order? o, out Vda5050Error? error));
        Assert.Null(o);
        Assert.Contains("edge 'e1' (sequenceId 1)", error!.ErrorDescription, StringComparison.Ordinal);
        Assert.Equal("validationError", error.ErrorType);
    }

    [Fact]
    public void AnOrderWhoseEdgeEndsDisagreeWithItsSequenceIdsIsNotEncodedIn300()
    {
        Order o = SampleMessagesV3.FullOrder();
        o.Edges[0].EndNodeId = "n9";
        ArgumentException e = Assert.Throws<ArgumentException>(() => Vda5050Codec.Encode(o));
        Assert.Contains("edge e1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A300InstantActionThatBlocksIsNeitherEncodedNorAccepted()
    {
        InstantActions a = SampleMessagesV3.FullInstantActions();
        a.Actions[0].BlockingType = BlockingType.Hard;
        Assert.Throws<ArgumentException>(() => Vda5050Codec.Encode(a));
        string json = Encoding.UTF8.GetString(Vda5050Codec.Encode(SampleMessagesV3.FullInstantActions())).Replace("\"NONE\"", "\"HARD\"", StringComparison.Ordinal);
        Assert.False(Vda5050Codec.TryDecodeInstantActions(Encoding.UTF8.GetBytes(json), "instantActions", "3.0.0", out _, out Vda5050Error? error));
        Assert.Contains("blockingType NONE", error!.ErrorDescription, StringComparison.Ordinal);
    }

    [Fact]
    public void A300StateIsRejectedOnA2xConnectionAndA2xStateOnA300Connection()
    {
        // The version is checked before the layout, so the error names the version rather than a missing member.
        Assert.False(Vda5050Codec.TryDecodeState(Vda5050Codec.Encode(SampleMessagesV3.MinimalState()), "state", "2.0.0", out _, out Vda5050Error? e1));
        Assert.Equal("state: version '3.0.0', this connection speaks 2.0.0", e1!.ErrorDescription);
        Assert.Contains(e1.ErrorReferences!, r => r.ReferenceKey == "headerId" && r.ReferenceValue == "7");
        Assert.False(Vda5050Codec.TryDecodeState(Vda5050Codec.Encode(SampleMessages.MinimalState()), "state", "3.0.0", out _, out Vda5050Error? e2));
        Assert.Equal("state: version '2.0.0', this connection speaks 3.0.0", e2!.ErrorDescription);
    }

    [Fact]
    public void ValuesOnly300DefinesAreNotEncodedInThe2xLayout()
    {
        Order order = SampleMessages.FullOrder();
        order.Nodes[0].Actions[0].BlockingType = BlockingType.Single;
        Assert.Throws<ArgumentException>(() => Vda5050Codec.Encode(order));
        State state = SampleMessages.MinimalState();
        state.OperatingMode = OperatingMode.Startup;
        Assert.Throws<ArgumentException>(() => Vda5050Codec.Encode(state));
        State paused = SampleMessages.FullState();
        paused.ActionStates[0].ActionStatus = ActionStatus.Paused;
        Assert.Throws<ArgumentException>(() => Vda5050Codec.Encode(paused));
        State urgent = SampleMessages.FullState();
        urgent.Errors[0].ErrorLevel = ErrorLevel.Urgent;
        Assert.Throws<ArgumentException>(() => Vda5050Codec.Encode(urgent));
    }

    [Fact]
    public void AnAutoAcknowledgeEmergencyStopIsNotEncodedIn300()
    {
        State s = SampleMessagesV3.MinimalState();
        s.SafetyState.EStop = EStop.AutoAck;
        Assert.Throws<ArgumentException>(() => Vda5050Codec.Encode(s));
    }
}
