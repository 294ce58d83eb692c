using System.Text;
using System.Text.Json;
using StrategicTech.Drivers.Vda5050.Messages;
using StrategicTech.TestSupport;

namespace StrategicTech.Drivers.Vda5050.Tests;

/// <summary>
/// Hand-written 3.0.0 messages, each first checked strictly against the official 3.0.0 schema (so the golden text is
/// right), then decoded on a 3.0.0 connection into the fields it carries.
/// </summary>
public sealed class GoldenV3Tests
{
    private const string Header = """
        "headerId": 42, "timestamp": "2026-12-06T10:00:00.25Z", "version": "3.0.0", "manufacturer": "Acme", "serialNumber": "agv-7",
        """;

    private const string GoldenOrder = "{" + Header + """
        "orderId": "o-9", "orderUpdateId": 2, "orderDescription": "rack 4 to dock",
        "nodes": [
          {"nodeId": "a", "sequenceId": 0, "released": true, "nodeDescriptor": "rack 4",
           "nodePosition": {"x": 1.0, "y": 2.0, "theta": 1.57, "mapId": "hall", "allowedDeviationXY": {"a": 0.3, "b": 0.1, "theta": 1.0}, "allowedDeviationTheta": 0.1},
           "actions": [{"actionType": "pick", "actionId": "p1", "blockingType": "SINGLE", "retriable": true, "actionDescriptor": "lift",
                        "actionParameters": [{"key": "stationType", "value": "floor"}, {"key": "count", "value": 2}]}]},
          {"nodeId": "b", "sequenceId": 2, "released": true, "actions": []},
          {"nodeId": "c", "sequenceId": 4, "released": false, "actions": []}
        ],
        "edges": [
          {"edgeId": "ab", "sequenceId": 1, "released": true, "maximumSpeed": 1.5, "orientationType": "TANGENTIAL", "reachOrientationBeforeEntering": false,
           "trajectory": {"controlPoints": [{"x": 1.0, "y": 2.0}, {"x": 4.0, "y": 2.0}]},
           "corridor": {"leftWidth": 0.5, "rightWidth": 0.5, "corridorReferencePoint": "CONTOUR", "releaseRequired": true, "releaseLossBehavior": "STOP"},
           "actions": []},
          {"edgeId": "bc", "sequenceId": 3, "released": false, "actions": []}
        ]}
        """;

    private const string GoldenState = "{" + Header + """
        "orderId": "o-9", "orderUpdateId": 2, "lastNodeId": "a", "lastNodeSequenceId": 0,
        "nodeStates": [{"nodeId": "b", "sequenceId": 2, "released": true}], "edgeStates": [{"edgeId": "ab", "sequenceId": 1, "released": true, "edgeDescriptor": "aisle"}],
        "mobileRobotPosition": {"x": 1.2, "y": 2.0, "theta": 0.0, "mapId": "hall", "localized": true, "localizationScore": 0.8},
        "driving": true, "paused": false,
        "edgeRequests": [{"requestId": "r1", "requestType": "CORRIDOR", "edgeId": "ab", "sequenceId": 1, "requestStatus": "REQUESTED"}],
        "actionStates": [{"actionId": "p1", "actionType": "pick", "actionStatus": "FINISHED", "actionResult": "picked"}],
        "instantActionStates": [{"actionId": "ia1", "actionType": "startPause", "actionStatus": "FINISHED"}],
        "powerSupply": {"stateOfCharge": 64.5, "charging": false, "batteryCurrent": 3.2},
        "operatingMode": "STARTUP",
        "errors": [{"errorType": "noRoute", "errorLevel": "URGENT", "errorHintTranslations": [{"translationKey": "en", "translationValue": "clear the aisle"}]}],
        "information": [{"infoType": "load", "infoLevel": "DEBUG", "infoDescriptor": "none"}],
        "safetyState": {"activeEmergencyStop": "NONE", "fieldViolation": false}}
        """;

    private const string GoldenVisualization = "{" + Header + """
        "referenceStateHeaderId": 41,
        "mobileRobotPosition": {"x": 1.3, "y": 2.0, "theta": 0.0, "mapId": "hall", "localized": true},
        "velocity": {"vx": 0.9, "vy": 0.0, "omega": 0.0},
        "intermediatePath": {"polyline": [{"x": 2.0, "y": 2.0, "eta": "2026-12-06T10:00:01.00Z"}]}}
        """;

    private const string GoldenInstantActions = "{" + Header + """
        "actions": [{"actionType": "cancelOrder", "actionId": "c1", "blockingType": "NONE"},
                    {"actionType": "startPause", "actionId": "c2", "blockingType": "NONE", "actionDescriptor": "operator"}]}
        """;

    private static void AssertSchemaValid(string schema, string json) =>
        Assert.Empty(JsonSchemaValidator.LoadStrict(SharedData.PathOf("vda5050", "schemas", "3.0.0", schema + ".schema")).Validate(JsonDocument.Parse(json).RootElement));

    [Fact]
    public void TheGolden300OrderIsSchemaValidAndDecodesIntoItsFields()
    {
        AssertSchemaValid("order", GoldenOrder);
        Assert.True(Vda5050Codec.TryDecodeOrder(Encoding.UTF8.GetBytes(GoldenOrder), "order", "3.0.0", out Order? o, out Vda5050Error? error), error?.ErrorDescription);
        Assert.Equal(("o-9", 2u, "rack 4 to dock", 42u), (o!.OrderId, o.OrderUpdateId, o.OrderDescription, o.HeaderId));
        Assert.Equal(["a", "b", "c"], o.Nodes.Select(n => n.NodeId));
        Assert.Equal([("a", "b"), ("b", "c")], o.Edges.Select(e => (e.StartNodeId, e.EndNodeId)));
        Assert.Equal(0.1, o.Nodes[0].NodePosition!.AllowedDeviationXyM);
        Assert.Equal(0.3, o.Nodes[0].NodePosition!.AllowedDeviationEllipse!.AM);
        Vda5050Action pick = o.Nodes[0].Actions[0];
        Assert.Equal((BlockingType.Single, true, "lift"), (pick.BlockingType, pick.Retriable, pick.ActionDescription));
        Assert.Equal(2, pick.ActionParameters![1].Value.GetInt32());
        Edge ab = o.Edges[0];
        Assert.Equal((1.5, 1, 0), (ab.MaxSpeedMps, ab.Trajectory!.Degree, ab.Trajectory.KnotVector.Count)); // degree defaults to 1
        Assert.Equal((CorridorRefPoint.Contour, ReleaseLossBehavior.Stop), (ab.Corridor!.CorridorRefPoint, ab.Corridor.ReleaseLossBehavior));
        Assert.False(o.Edges[1].Released);
    }

    [Fact]
    public void TheGolden300StateIsSchemaValidAndDecodesIntoItsFields()
    {
        AssertSchemaValid("state", GoldenState);
        Assert.True(Vda5050Codec.TryDecodeState(Encoding.UTF8.GetBytes(GoldenState), "state", "3.0.0", out State? s, out Vda5050Error? error), error?.ErrorDescription);
        Assert.Equal((1.2, true, 0.8), (s!.AgvPosition!.XM, s.AgvPosition.PositionInitialized, s.AgvPosition.LocalizationScore));
        Assert.Equal((64.5, false, 3.2), (s.BatteryState.BatteryChargePercent, s.BatteryState.Charging, s.BatteryState.BatteryCurrentA));
        Assert.Equal(OperatingMode.Startup, s.OperatingMode);
        Assert.Equal("picked", Assert.Single(s.ActionStates).ResultDescription);
        Assert.Equal("ia1", Assert.Single(s.InstantActionStates!).ActionId);
        Assert.Equal(EdgeRequestType.Corridor, Assert.Single(s.EdgeRequests!).RequestType);
        Assert.Equal(ErrorLevel.Urgent, Assert.Single(s.Errors).ErrorLevel);
        Assert.Equal("clear the aisle", s.Errors[0].ErrorHintTranslations![0].TranslationValue);
        Assert.Equal("none", s.Information![0].InfoDescription);
        Assert.Equal("aisle", s.EdgeStates[0].EdgeDescription);
        Assert.Equal(EStop.None, s.SafetyState.EStop);
    }

    [Fact]
    public void TheGolden300VisualizationIsSchemaValidAndDecodesIntoItsFields()
    {
        AssertSchemaValid("visualization", GoldenVisualization);
        Assert.True(Vda5050Codec.TryDecodeVisualization(Encoding.UTF8.GetBytes(GoldenVisualization), "visualization", "3.0.0", out Visualization? v, out Vda5050Error? error), error?.ErrorDescription);
        Assert.Equal((41u, 1.3, 0.9), (v!.ReferenceStateHeaderId, v.AgvPosition!.XM, v.Velocity!.VxMps));
        Assert.Equal("2026-12-06T10:00:01.00Z", v.IntermediatePath!.Polyline[0].Eta);
    }

    [Fact]
    public void TheGolden300InstantActionsAreSchemaValidAndDecodeIntoTheirFields()
    {
        AssertSchemaValid("instantActions", GoldenInstantActions);
        Assert.True(Vda5050Codec.TryDecodeInstantActions(Encoding.UTF8.GetBytes(GoldenInstantActions), "instantActions", "3.0.0", out InstantActions? a, out Vda5050Error? error), error?.ErrorDescription);
        Assert.Equal(["cancelOrder", "startPause"], a!.Actions.Select(x => x.ActionType));
        Assert.Equal("operator", a.Actions[1].ActionDescription);
    }

    [Fact]
    public void EveryGolden300MessageReEncodesSchemaValid()
    {
        Assert.True(Vda5050Codec.TryDecodeOrder(Encoding.UTF8.GetBytes(GoldenOrder), "order", "3.0.0", out Order? o, out _));
        Assert.True(Vda5050Codec.TryDecodeState(Encoding.UTF8.GetBytes(GoldenState), "state", "3.0.0", out State? s, out _));
        Assert.True(Vda5050Codec.TryDecodeVisualization(Encoding.UTF8.GetBytes(GoldenVisualization), "visualization", "3.0.0", out Visualization? v, out _));
        AssertSchemaValid("order", Encoding.UTF8.GetString(Vda5050Codec.Encode(o!)));
        AssertSchemaValid("state", Encoding.UTF8.GetString(Vda5050Codec.Encode(s!)));
        AssertSchemaValid("visualization", Encoding.UTF8.GetString(Vda5050Codec.Encode(v!)));
    }
}
